package org.dealerplatform.customer.file.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One owner per VIN across all files (CUS-6), enforced by a claim document per VIN ({@code _id} = VIN, unique by
 * construction) instead of a unique multikey index on the vehicles array, which the embedded database does not
 * enforce. A claim is taken before the file is saved and released if the save fails; a claim whose owner's file does
 * not hold the VIN (a crash between the two writes) is stale and may be taken over.
 */
@Component
public class VinClaims {

    static final String COLLECTION = "vin_claims";

    private final MongoTemplate mongo;

    public VinClaims(MongoTemplate mongo) {
        this.mongo = mongo;
        // reassign and release filter on {_id, customerId}: with an index of exactly these keys the embedded server
        // looks the claim up instead of scanning every claim (it uses an index only when the query's keys equal its keys)
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).unique().named("id_customer"));
    }

    /** The customer holding {@code vin}, by the claim's {@code _id} (INT-1 serve-at-branch lookup). */
    public Optional<String> ownerOf(String vin) {
        Document claim = mongo.findById(vin, Document.class, COLLECTION);
        return claim == null ? Optional.empty() : Optional.ofNullable(claim.getString("customerId"));
    }

    /** Claims {@code vin} for {@code customerId}; returns the other owner's id if it belongs to someone else. */
    public Optional<String> claim(String vin, String customerId) {
        try {
            mongo.insert(new Document("_id", vin).append("customerId", customerId), COLLECTION);
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            Document claim = mongo.findById(vin, Document.class, COLLECTION);
            String owner = claim == null ? null : claim.getString("customerId");
            if (owner == null || owner.equals(customerId)) {
                return owner == null ? claim(vin, customerId) : Optional.empty();
            }
            if (!ownerHolds(owner, vin) && reassign(vin, owner, customerId)) {
                return Optional.empty();
            }
            return Optional.of(owner);
        }
    }

    /** True if the owner's file holds the VIN: an {@code _id} lookup of the file, the vehicles checked here. */
    private boolean ownerHolds(String owner, String vin) {
        Query query = Query.query(Criteria.where("_id").is(owner));
        query.fields().include("vehicles.vin");
        Document file = mongo.findOne(query, Document.class, CustomerStore.COLLECTION);
        List<Document> vehicles = file == null ? null : file.getList("vehicles", Document.class);
        return vehicles != null && vehicles.stream().anyMatch(vehicle -> vin.equals(vehicle.getString("vin")));
    }

    /** Moves the claim from {@code from} to {@code to} (transfer, merge); false if {@code from} did not hold it. */
    public boolean reassign(String vin, String from, String to) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(vin).and("customerId").is(from)),
                new Update().set("customerId", to), COLLECTION).getModifiedCount() > 0;
    }

    /** Gives up a claim taken for a save that failed. */
    public void release(String vin, String customerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(vin).and("customerId").is(customerId)), COLLECTION);
    }
}
