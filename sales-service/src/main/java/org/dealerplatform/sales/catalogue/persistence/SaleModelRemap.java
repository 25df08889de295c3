package org.dealerplatform.sales.catalogue.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.catalogue.ModelRemap.Found;
import org.dealerplatform.platform.catalogue.ModelRemap.Outcome;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.dealerplatform.sales.rollup.persistence.RollupRebuild;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * SAL-12: maps the free-text models of sales recorded before the catalogue to catalogue models (id, else alias; an
 * unknown spelling is listed, never guessed), through the platform's idempotent, resumable {@link ModelRemap}. Each sale
 * is rewritten by {@code _id} + {@code version} (the aggregate's unique index), so a sale changed meanwhile is read
 * again, and its version stays: the remap corrects a spelling, it is no business change and publishes nothing.
 * When a pass has mapped anything, it ends by rebuilding the HQ roll-up from the sales ({@link RollupRebuild}), so the
 * cells per model and category agree with the sales again; the pass is marked complete only after the rebuild.
 */
@Component
public class SaleModelRemap extends ModelRemap.Job {

    /** The checkpoint's name in {@link ModelRemap#COLLECTION}. */
    public static final String JOB = "sales-service.sales";

    private final MongoTemplate mongo;
    private final ModelCatalogue catalogue;
    private final RollupRebuild rollups;

    public SaleModelRemap(MongoTemplate mongo, ModelCatalogue catalogue, RollupRebuild rollups, Clock clock) {
        super(mongo, clock, JOB, SaleStore.COLLECTION, List.of("vehicle", "version"));
        this.mongo = mongo;
        this.catalogue = catalogue;
        this.rollups = rollups;
    }

    /** After a pass that mapped anything, the HQ roll-up is rebuilt from the sales, before the pass is marked complete. */
    @Override
    protected void whenComplete(long mapped) {
        if (mapped > 0) {
            rollups.rebuild();
        }
    }

    @Override
    protected List<Found> remap(Document sale) {
        Document vehicle = sale.get("vehicle", Document.class);
        String stored = vehicle == null ? null : vehicle.getString("model");
        if (stored == null) {
            return List.of();
        }
        Optional<VehicleModel> model = catalogue.resolve(stored);
        if (model.isEmpty()) {
            return List.of(new Found(stored, Outcome.UNMAPPED));
        }
        if (model.get().id().equals(stored)) {
            return List.of(new Found(stored, Outcome.CATALOGUE));
        }
        Document current = sale;
        for (int attempt = 1; attempt <= 3 && current != null; attempt++) {
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(current.get("_id"))
                            .and("version").is(current.get("version"))),
                    new Update().set("vehicle.model", model.get().id()).set("vehicle.category", model.get().category().name()),
                    SaleStore.COLLECTION).getModifiedCount() > 0) {
                return List.of(new Found(stored, Outcome.MAPPED));
            }
            // changed meanwhile (a correction, a cancellation): read it again, it may name a catalogue model now
            current = mongo.findById(sale.get("_id"), Document.class, SaleStore.COLLECTION);
            Document now = current == null ? null : current.get("vehicle", Document.class);
            if (now == null || !stored.equals(now.getString("model"))) {
                return List.of(new Found(stored, Outcome.CATALOGUE));
            }
        }
        return List.of(new Found(stored, Outcome.UNMAPPED)); // kept changing: listed, the next pass tries again
    }
}
