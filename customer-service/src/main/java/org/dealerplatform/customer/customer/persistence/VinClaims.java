package org.dealerplatform.customer.customer.persistence;

import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
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
            boolean ownerHoldsIt = mongo.exists(Query.query(Criteria.where("_id").is(owner).and("vehicles.vin").is(vin)),
                    CustomerStore.COLLECTION);
            if (!ownerHoldsIt && reassign(vin, owner, customerId)) {
                return Optional.empty();
            }
            return Optional.of(owner);
        }
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
