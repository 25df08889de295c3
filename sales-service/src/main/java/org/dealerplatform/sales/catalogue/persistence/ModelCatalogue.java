package org.dealerplatform.sales.catalogue.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.sales.catalogue.DefaultCatalogue;
import org.dealerplatform.sales.catalogue.ModelAlias;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The catalogue (collection {@code catalogue_models}, {@code _id} = model id) and its aliases (collection
 * {@code catalogue_aliases}, {@code _id} = {@link ModelAlias#key}); every lookup is by {@code _id}. An empty installation
 * gets {@link DefaultCatalogue} (SAL-12).
 */
@Component
public class ModelCatalogue {

    public static final String MODELS = "catalogue_models";
    public static final String ALIASES = "catalogue_aliases";

    private final MongoTemplate mongo;

    public ModelCatalogue(MongoTemplate mongo) {
        this.mongo = mongo;
        for (VehicleModel model : DefaultCatalogue.MODELS) {
            if (mongo.findById(model.id(), Document.class, MODELS) == null) {
                save(model, "seed");
            }
        }
        for (ModelAlias alias : DefaultCatalogue.ALIASES) {
            if (mongo.findById(ModelAlias.key(alias.alias()), Document.class, ALIASES) == null) {
                save(alias, "seed");
            }
        }
    }

    public void save(VehicleModel model, String by) {
        mongo.save(new Document("_id", model.id()).append("brand", model.brand()).append("series", model.series())
                .append("name", model.name()).append("category", model.category().name()).append("enteredBy", by), MODELS);
    }

    public void save(ModelAlias alias, String by) {
        mongo.save(new Document("_id", ModelAlias.key(alias.alias())).append("alias", alias.alias().strip())
                .append("modelId", alias.modelId()).append("enteredBy", by), ALIASES);
    }

    public Optional<VehicleModel> model(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, MODELS)).map(ModelCatalogue::model);
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
        return mongo.find(new Query().with(Sort.by("brand", "series", "_id")), Document.class, MODELS).stream()
                .map(ModelCatalogue::model).toList();
    }

    private static VehicleModel model(Document d) {
        return new VehicleModel(d.getString("_id"), d.getString("brand"), d.getString("series"), d.getString("name"),
                VehicleCategory.valueOf(d.getString("category")));
    }
}
