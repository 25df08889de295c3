package org.dealerplatform.aftersales.vehicle.persistence;

import java.util.List;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.stereotype.Component;

/**
 * Migrates on read a vehicle stored before its work orders became one part ({@code ServiceHistory}, AFT-1/AFT-2): such
 * a document keeps {@code lastServiceDate}, {@code lastServiceKm}, {@code serviceCount}, {@code lastMaintenanceDate},
 * {@code lastMaintenanceKm} and {@code maintenanceCount} flat; they are copied into {@code serviceHistory} before the
 * document is mapped. A document saved before work orders had a job type has no {@code maintenanceCount}: every work
 * order was taken for a maintenance then, so its last service is its last maintenance. A document with the part is
 * left as it is (the flat fields of an upgraded vehicle stay behind after its next save, unread).
 */
@Component
public class ServicedVehicleUpgrade extends AbstractMongoEventListener<ServicedVehicle> {

    /** The part's field in a vehicle document. */
    public static final String PART = "serviceHistory";
    /** The fields the part held flat before. */
    public static final List<String> FLAT_FIELDS = List.of("lastServiceDate", "lastServiceKm", "serviceCount",
            "lastMaintenanceDate", "lastMaintenanceKm", "maintenanceCount");

    @Override
    public void onAfterLoad(AfterLoadEvent<ServicedVehicle> event) {
        upgrade(event.getDocument());
    }

    /** Copies the flat fields into the part, if the document has no part yet. */
    static void upgrade(Document vehicle) {
        if (vehicle == null || vehicle.containsKey(PART)
                || FLAT_FIELDS.stream().noneMatch(vehicle::containsKey)) {
            return;
        }
        Document part = new Document();
        copy(vehicle, "lastServiceDate", part, "lastServiceDate");
        copy(vehicle, "lastServiceKm", part, "lastServiceKm");
        copy(vehicle, "serviceCount", part, "serviceCount");
        if (vehicle.get("maintenanceCount") == null) {
            copy(vehicle, "lastServiceDate", part, "lastMaintenanceDate");
            copy(vehicle, "lastServiceKm", part, "lastMaintenanceKm");
            copy(vehicle, "serviceCount", part, "maintenanceCount");
        } else {
            copy(vehicle, "lastMaintenanceDate", part, "lastMaintenanceDate");
            copy(vehicle, "lastMaintenanceKm", part, "lastMaintenanceKm");
            copy(vehicle, "maintenanceCount", part, "maintenanceCount");
        }
        vehicle.put(PART, part);
    }

    private static void copy(Document from, String field, Document to, String as) {
        Object value = from.get(field);
        if (value != null) {
            to.put(as, value);
        }
    }
}
