package org.dealerplatform.aftersales.vehicle.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.catalogue.ModelRemap.Found;
import org.dealerplatform.platform.catalogue.ModelRemap.Outcome;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * SAL-12: maps the free-text models of serviced vehicles stored before the catalogue (the model a work order's vehicle
 * carries: work orders themselves name the VIN) to catalogue models through the catalogue replica (id, else alias; an
 * unknown spelling is listed, never guessed), through the platform's idempotent, resumable {@link ModelRemap}. Each
 * mapped vehicle changes through its aggregate, so its default maintenance plan follows the catalogue model and
 * category (AFT-2).
 */
@Service
public class VehicleModelRemap extends ModelRemap.Job {

    /** The checkpoint's name in {@link ModelRemap#COLLECTION}. */
    public static final String JOB = "aftersales-service.vehicles";

    private final ModelCatalogueReplica catalogue;
    private final ServicedVehicles vehicles;

    public VehicleModelRemap(MongoTemplate mongo, ModelCatalogueReplica catalogue, ServicedVehicles vehicles, Clock clock) {
        super(mongo, clock, JOB, VehicleStore.COLLECTION, List.of("model"));
        this.catalogue = catalogue;
        this.vehicles = vehicles;
    }

    @Override
    protected List<Found> remap(Document vehicle) {
        String stored = vehicle.getString("model");
        if (stored == null) {
            return List.of();
        }
        Optional<ModelCatalogueReplica.CatalogueModel> model = catalogue.resolve(stored);
        if (model.isEmpty()) {
            return List.of(new Found(stored, Outcome.UNMAPPED));
        }
        if (model.get().id().equals(stored)) {
            return List.of(new Found(stored, Outcome.CATALOGUE));
        }
        boolean mapped = vehicles.remodel(vehicle.getString("_id"), stored, model.get().id(),
                model.get().category(VehicleCategory.class, VehicleCategory.OTHER_SPECIAL));
        // not mapped: changed meanwhile, by an event that resolved its model already
        return List.of(new Found(stored, mapped ? Outcome.MAPPED : Outcome.CATALOGUE));
    }
}
