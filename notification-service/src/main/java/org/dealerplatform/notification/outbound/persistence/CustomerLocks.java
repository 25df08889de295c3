package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.Date;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A short lease per customer while one of their notifications is dispatched, so that two workers (or instances) never
 * decide the frequency cap for the same customer at once (NOT-3). A lease is one conditional upsert: a live lease of
 * another owner makes the insert clash on {@code _id}.
 */
@Component
public class CustomerLocks {

    static final String COLLECTION = "customer-dispatch-locks";

    private final MongoTemplate mongo;

    public CustomerLocks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Takes the lease on {@code customerId} until {@code until}, unless someone else holds a live one. */
    public boolean tryLock(String customerId, String owner, Instant now, Instant until) {
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(customerId)
                            .orOperator(Criteria.where("until").lt(Date.from(now)), Criteria.where("owner").is(owner))),
                    new Update().set("until", Date.from(until)).set("owner", owner), COLLECTION);
            return true;
        } catch (DuplicateKeyException heldByOther) {
            return false;
        }
    }

    public void unlock(String customerId, String owner) {
        mongo.remove(Query.query(Criteria.where("_id").is(customerId).and("owner").is(owner)), COLLECTION);
    }
}
