package org.dealerplatform.platform.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.domain.RuleViolation;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Local replica of HQ's vehicle model catalogue, built from sales-service's {@code VehicleModelChanged} events (no
 * synchronous calls), and the one place that resolves the model a command names (SAL-12): the model with that
 * id, else the model of the alias spelled that way (case and spaces aside), the same rule as sales. Models are kept by
 * {@code _id} = model id (applied only if newer, by aggregate version), aliases by {@code _id} = normalised spelling
 * (applied only if newer, by the event's time, so an alias moving between two models ends at the later one whatever the
 * order of their events); every lookup is by {@code _id}. Services that keep one (customer-service for customer
 * vehicles, aftersales-service for walk-in work orders) {@code @Import} {@link ModelCatalogueReplication}.
 */
public class ModelCatalogueReplica {

    public static final String MODELS = "catalogue_models";
    public static final String ALIASES = "catalogue_aliases";

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;

    public ModelCatalogueReplica(IdempotentWrites writes, MongoTemplate mongo) {
        this.writes = writes;
        this.mongo = mongo;
    }

    /** A model as HQ keeps it, at aggregate version {@code version}, with its whole list of alias spellings. */
    public void modelChanged(String modelId, String brand, String series, String name, String category,
            List<String> aliases, Instant changedAt, long version) {
        List<String> spellings = aliases == null ? List.of() : aliases;
        Document before = mongo.findById(modelId, Document.class, MODELS);
        long at = changedAt == null ? version : changedAt.toEpochMilli();
        for (String spelling : spellings) {
            writes.change(ALIASES, key(spelling), current -> current == null || mark(current) < at
                    ? new Update().set("alias", spelling).set("modelId", modelId).set("at", at) : null);
        }
        if (before != null && before.get("aliases") instanceof List<?> held) {
            for (Object old : held) { // a spelling no longer listed is given up, unless another model took it since
                if (old instanceof String spelling && !spellings.contains(spelling)) {
                    writes.change(ALIASES, key(spelling), current -> current != null
                            && modelId.equals(current.getString("modelId")) && mark(current) <= at
                            ? new Update().unset("modelId").set("at", at) : null);
                }
            }
        }
        writes.applyIfNewer(MODELS, modelId, "version", version, new Update().set("brand", brand).set("series", series)
                .set("name", name).set("category", category).set("aliases", new ArrayList<>(spellings)));
    }

    /** The catalogue model {@code text} names (id or alias), if the replica knows one. */
    public Optional<CatalogueModel> resolve(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<CatalogueModel> byId = model(text.strip());
        if (byId.isPresent()) {
            return byId;
        }
        Document alias = mongo.findById(key(text), Document.class, ALIASES);
        return alias == null || alias.getString("modelId") == null ? Optional.empty() : model(alias.getString("modelId"));
    }

    /**
     * SAL-12: the catalogue model a command names, or 422 on {@code field}. The replica follows HQ's catalogue within
     * a second of a change.
     */
    public CatalogueModel require(String text, String field) {
        return resolve(text).orElseThrow(() -> new RuleViolation(field, "unknown vehicle model "
                + (text == null ? "" : text.strip()) + ": not in the catalogue, nor an alias of a catalogue model"));
    }

    private Optional<CatalogueModel> model(String id) {
        Document d = mongo.findById(id, Document.class, MODELS);
        if (d == null || d.getString("category") == null) {
            return Optional.empty();
        }
        return Optional.of(new CatalogueModel(id, d.getString("brand"), d.getString("series"), d.getString("name"),
                d.getString("category")));
    }

    private static long mark(Document d) {
        return d.get("at") instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }

    /** The form an alias is kept and looked up under: trimmed, inner spaces collapsed, lower case (as in sales). */
    static String key(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A catalogue model as a service reads it: its id is what vehicles store, its category the CUS-4 dimension. */
    public record CatalogueModel(String id, String brand, String series, String name, String category) {

        /** The category as the service's own enum; one added at HQ before this service knows it counts as {@code unknown}. */
        public <E extends Enum<E>> E category(Class<E> categories, E unknown) {
            try {
                return Enum.valueOf(categories, category);
            } catch (IllegalArgumentException unknownHere) {
                return unknown;
            }
        }
    }
}
