package org.dealerplatform.aftersales.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceTest
class FixturesTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    VehicleStore vehicles;

    @Test
    @DisplayName("the hand-built bulk-seeding document equals what the mapping writes (so seeded vehicles load like saved ones)")
    void fastDocumentMatchesConverter() {
        ServicedVehicle vehicle = ServicedVehicle.register(Fixtures.vin(), Fixtures.NANJING, "cust-1", "Lavida",
                VehicleCategory.SUV, null, LocalDate.of(2026, 1, 31), MaintenancePlanCatalogue.defaults());
        vehicle.remindIfDue(LocalDate.of(2026, 7, 20), 14);
        Document converted = Fixtures.converted(mongo, vehicle);
        Document fast = Fixtures.fastDocument(vehicle);
        converted.entrySet().removeIf(e -> e.getValue() == null);
        fast.entrySet().removeIf(e -> e.getValue() == null);
        assertThat(fast).isEqualTo(converted);
    }

    @Test
    @DisplayName("AFT-2 a vehicle stored flat before its work orders became one ServiceHistory part, and before they had a job type, loads with its last service as the last maintenance and keeps its cycle")
    void legacyDocumentKeepsItsCycle() {
        String vin = Fixtures.vin();
        LocalDate bought = LocalDate.of(2026, 1, 1);
        ServicedVehicle shape = ServicedVehicle.register(vin, Fixtures.NANJING, "cust-1", "Passat 330TSI",
                VehicleCategory.PASSENGER_CAR, null, bought, MaintenancePlanCatalogue.defaults());
        Document legacy = Fixtures.fastDocument(shape);
        legacy.remove("serviceHistory");
        legacy.append("lastServiceDate", Fixtures.date(LocalDate.of(2026, 7, 1))).append("lastServiceKm", 2_000L)
                .append("serviceCount", 1)
                .append("readings", java.util.List.of(new Document("date", Fixtures.date(LocalDate.of(2026, 7, 1)))
                        .append("km", 2_000L)))
                .append("lastKnownKm", 2_000L).append("nextDueDate", Fixtures.date(LocalDate.of(2027, 7, 1)))
                .append("nextDueMileageKm", 12_000L).append("dueRule", "TIME")
                .append(AggregateStore.VERSION, 3L);
        mongo.insert(legacy, VehicleStore.COLLECTION);

        ServicedVehicle loaded = vehicles.findById(vin).orElseThrow();
        assertThat(loaded.lastServiceDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(loaded.lastMaintenanceDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(loaded.lastMaintenanceKm()).isEqualTo(2_000L);
        assertThat(loaded.maintenanceCount()).isEqualTo(1);
        loaded.recordMileage(LocalDate.of(2026, 8, 1), 2_300);
        assertThat(loaded.nextDueDate()).isEqualTo(LocalDate.of(2027, 7, 1));
        vehicles.update(loaded);
        Document saved = mongo.findById(vin, Document.class, VehicleStore.COLLECTION).get("serviceHistory", Document.class);
        assertThat(saved.getInteger("maintenanceCount")).isEqualTo(1);
        assertThat(saved.getInteger("serviceCount")).isEqualTo(1);
    }
}
