package org.dealerplatform.customer.consultant.persistence;

import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.customer.consultant.ConsultantDeparture;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Salespeople who left (collection {@code consultant_departures}, {@code _id} = salesperson id): every read is an
 * {@code _id} lookup. The latest departure wins (a salesperson taken on again and leaving once more names a new
 * successor).
 */
@Component
public class ConsultantDepartures {

    public static final String COLLECTION = "consultant_departures";

    private final MongoTemplate mongo;

    public ConsultantDepartures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records (or replaces with a later one) the departure; a redelivered or an older one changes nothing. */
    public void record(ConsultantDeparture departure) {
        try {
            upsertUnlessLater(departure);
        } catch (DuplicateKeyException laterOneOnFile) {
            // the filter did not match because a later departure of this salesperson is recorded: keep that one
        }
    }

    private void upsertUnlessLater(ConsultantDeparture departure) {
        mongo.upsert(Query.query(Criteria.where("_id").is(departure.salespersonId())
                        .orOperator(Criteria.where("departedAt").lte(departure.departedAt()),
                                Criteria.where("departedAt").exists(false))),
                new Update().set("branchId", departure.branchId()).set("successorId", departure.successorId())
                        .set("departedAt", departure.departedAt()),
                COLLECTION);
    }

    public Optional<ConsultantDeparture> find(String salespersonId) {
        Document found = mongo.findById(salespersonId, Document.class, COLLECTION);
        return Optional.ofNullable(found).map(d -> new ConsultantDeparture(salespersonId, d.getString("branchId"),
                d.getString("successorId"), d.getDate("departedAt").toInstant()));
    }
}
