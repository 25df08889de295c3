package org.dealerplatform.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * INT-1: grants to serve another branch's customer once, as a service's replica keeps them from customer-service's
 * {@code CustomerServiceGranted} (issued after an exact, audited mobile or VIN lookup). One document per serving branch
 * and customer ({@code _id} = {@code <servingBranch>|<customerId>}, so every access is an {@code _id} lookup); a later
 * lookup replaces an earlier grant, used or not; spending it is a compare-and-set, so only one command can.
 */
public final class ServeAtBranchGrants {

    public static final String COLLECTION = "customer_grants";

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;
    private final Clock clock;

    public ServeAtBranchGrants(IdempotentWrites writes, MongoTemplate mongo, Clock clock) {
        this.writes = writes;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Applies a grant; a redelivered or older one changes nothing. */
    public void granted(String customerId, String servingBranchId, String grantId, Instant grantedAt, Instant expiresAt) {
        writes.change(COLLECTION, key(servingBranchId, customerId), current -> current == null
                || current.getDate("grantedAt").toInstant().isBefore(grantedAt)
                ? new Update().set("customerId", customerId).set("servingBranchId", servingBranchId)
                        .set("grantId", grantId).set("grantedAt", Date.from(grantedAt))
                        .set("expiresAt", Date.from(expiresAt)).unset("usedAt").unset("usedBy")
                : null);
    }

    /** Whether {@code servingBranchId} holds an unused, unexpired grant for the customer. */
    public boolean holds(String servingBranchId, String customerId) {
        return customerId != null && servingBranchId != null
                && usable(mongo.findById(key(servingBranchId, customerId), Document.class, COLLECTION));
    }

    /** Spends the grant; false when another command spent it first, or it expired or never existed. */
    public boolean use(String servingBranchId, String customerId, String by) {
        Instant now = clock.instant();
        return writes.change(COLLECTION, key(servingBranchId, customerId), current -> usable(current)
                ? new Update().set("usedAt", Date.from(now)).set("usedBy", by) : null);
    }

    private boolean usable(Document grant) {
        return grant != null && grant.get("usedAt") == null
                && grant.getDate("expiresAt").toInstant().isAfter(clock.instant());
    }

    private static String key(String servingBranchId, String customerId) {
        return servingBranchId + "|" + customerId;
    }
}
