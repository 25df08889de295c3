package org.dealerplatform.customer.vehicle.persistence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.catalogue.ModelRemap.Found;
import org.dealerplatform.platform.catalogue.ModelRemap.Outcome;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * SAL-12: maps the free-text models of customer vehicles stored before the catalogue (the {@code vehicles} of each
 * customer file) to catalogue models through the catalogue replica (id, else alias; an unknown spelling is listed,
 * never guessed), through the platform's idempotent, resumable {@link ModelRemap}. A file is rewritten by {@code _id} +
 * {@code version} (the aggregate's unique index), so a file changed meanwhile is read again; its version stays and
 * nothing is published: the remap corrects a spelling, it is no change of the customer's vehicles.
 */
@Component
public class VehicleModelRemap extends ModelRemap.Job {

    /** The checkpoint's name in {@link ModelRemap#COLLECTION}. */
    public static final String JOB = "customer-service.vehicles";

    private final MongoTemplate mongo;
    private final ModelCatalogueReplica catalogue;

    public VehicleModelRemap(MongoTemplate mongo, ModelCatalogueReplica catalogue, Clock clock) {
        super(mongo, clock, JOB, CustomerStore.COLLECTION, List.of("vehicles", "version"));
        this.mongo = mongo;
        this.catalogue = catalogue;
    }

    @Override
    protected List<Found> remap(Document file) {
        Document current = file;
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<Found> found = new ArrayList<>();
            List<Document> vehicles = current.getList("vehicles", Document.class, List.of());
            List<Document> remapped = new ArrayList<>(vehicles.size());
            for (Document vehicle : vehicles) {
                String stored = vehicle.getString("model");
                Document copy = new Document(vehicle);
                remapped.add(copy);
                if (stored == null) {
                    continue;
                }
                Optional<ModelCatalogueReplica.CatalogueModel> model = catalogue.resolve(stored);
                if (model.isEmpty()) {
                    found.add(new Found(stored, Outcome.UNMAPPED));
                } else if (model.get().id().equals(stored)) {
                    found.add(new Found(stored, Outcome.CATALOGUE));
                } else {
                    copy.put("model", model.get().id());
                    copy.put("category", model.get().category(VehicleCategory.class, VehicleCategory.OTHER_SPECIAL).name());
                    found.add(new Found(stored, Outcome.MAPPED));
                }
            }
            if (found.stream().noneMatch(f -> f.outcome() == Outcome.MAPPED)) {
                return found;
            }
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(current.get("_id"))
                    .and("version").is(current.get("version"))), new Update().set("vehicles", remapped),
                    CustomerStore.COLLECTION).getModifiedCount() > 0) {
                return found;
            }
            // changed meanwhile: read the file again
            Query again = Query.query(Criteria.where("_id").is(file.get("_id")));
            again.fields().include("vehicles", "version");
            current = mongo.findOne(again, Document.class, CustomerStore.COLLECTION);
            if (current == null) {
                return List.of();
            }
        }
        // kept changing: its free-text models stay and are listed, the next pass tries again
        return current.getList("vehicles", Document.class, List.of()).stream().map(v -> v.getString("model"))
                .filter(m -> m != null).map(m -> new Found(m, Outcome.UNMAPPED)).toList();
    }
}
