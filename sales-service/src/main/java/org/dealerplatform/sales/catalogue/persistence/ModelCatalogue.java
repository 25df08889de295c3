package org.dealerplatform.sales.catalogue.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.sales.catalogue.CatalogueModel;
import org.dealerplatform.sales.catalogue.DefaultCatalogue;
import org.dealerplatform.sales.catalogue.ModelAlias;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The catalogue (collection {@code catalogue_models}, {@code _id} = model id, through {@link CatalogueModelStore} so
 * each change is published) and its aliases (collection {@code catalogue_aliases}, {@code _id} = {@link ModelAlias#key});
 * every lookup is by {@code _id}. An empty installation gets {@link DefaultCatalogue} (SAL-12).
 */
@Component
public class ModelCatalogue {

    public static final String ALIASES = "catalogue_aliases";

    private final MongoTemplate mongo;
    private final CatalogueModelStore models;
    private final Clock clock;

    public ModelCatalogue(MongoTemplate mongo, CatalogueModelStore models, Clock clock) {
        this.mongo = mongo;
        this.models = models;
        this.clock = clock;
        for (VehicleModel model : DefaultCatalogue.MODELS) {
            if (models.findById(model.id()).isEmpty()) {
                try {
                    models.insert(CatalogueModel.define(model, clock.instant()));
                } catch (DuplicateKeyException seededByAnotherInstance) {
                    // another instance seeded it at the same moment
                }
            }
        }
        for (ModelAlias alias : DefaultCatalogue.ALIASES) {
            if (mongo.findById(ModelAlias.key(alias.alias()), Document.class, ALIASES) == null) {
                mongo.save(aliasDocument(alias, "seed"), ALIASES);
            }
        }
        // each model carries its spellings, so replicas in other services resolve as sales does (a no-op when current)
        models.all().forEach(model -> publishAliases(model.id()));
    }

    /** Adds or changes a model; a change publishes {@code VehicleModelChanged} through the outbox. */
    public void save(VehicleModel model) {
        Optional<CatalogueModel> existing = models.findById(model.id());
        if (existing.isEmpty()) {
            models.insert(CatalogueModel.define(model, clock.instant()));
        } else if (existing.get().change(model, clock.instant())) {
            models.update(existing.get());
        }
    }

    /**
     * Maps a spelling to a model; the model (and the one it meant before, if any) publishes its new list of spellings
     * in {@code VehicleModelChanged}, so the replicas of customer-service and aftersales-service follow (SAL-12).
     */
    public void save(ModelAlias alias, String by) {
        Document before = mongo.findById(ModelAlias.key(alias.alias()), Document.class, ALIASES);
        mongo.save(aliasDocument(alias, by), ALIASES);
        if (before != null && !alias.modelId().equals(before.getString("modelId"))) {
            publishAliases(before.getString("modelId"));
        }
        publishAliases(alias.modelId());
    }

    private static Document aliasDocument(ModelAlias alias, String by) {
        return new Document("_id", ModelAlias.key(alias.alias())).append("alias", alias.alias().strip())
                .append("modelId", alias.modelId()).append("enteredBy", by);
    }

    /** The model takes the spellings the alias table holds for it (a small collection: a few hundred aliases). */
    private void publishAliases(String modelId) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            Optional<CatalogueModel> model = models.findById(modelId);
            if (model.isEmpty()) {
                return;
            }
            List<String> spellings = mongo.find(Query.query(Criteria.where("modelId").is(modelId)), Document.class, ALIASES)
                    .stream().map(d -> d.getString("alias")).toList();
            if (!model.get().aliasedAs(spellings, clock.instant())) {
                return;
            }
            try {
                models.update(model.get());
                return;
            } catch (ConcurrentModificationException raced) {
                // another instance published the same list a moment ago: read again
            }
        }
    }

    public Optional<VehicleModel> model(String id) {
        return models.findById(id).map(CatalogueModel::model);
    }

    /**
     * The catalogue model a sale's free text names: the model with that id, else the model of the alias spelled that
     * way (case and spaces aside); empty when neither is known.
     */
    public Optional<VehicleModel> resolve(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<VehicleModel> byId = model(text.strip());
        if (byId.isPresent()) {
            return byId;
        }
        return Optional.ofNullable(mongo.findById(ModelAlias.key(text), Document.class, ALIASES))
                .flatMap(alias -> model(alias.getString("modelId")));
    }

    /** Every model, by brand, series and id (the catalogue is small: a few hundred models). */
    public List<VehicleModel> models() {
        return models.all().stream().map(CatalogueModel::model).toList();
    }
}
