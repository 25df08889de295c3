package org.dealerplatform.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;

import org.bson.Document;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * INT-1: grants to serve another branch's customer once, as a service's replica keeps them from customer-service's
 * {@code CustomerServiceGranted} (issued after an exact, audited mobile or VIN lookup). A grant names its
 * {@link Purpose}: one transaction of one kind, honoured only by the service that owns that kind (a grant for a sale
 * lets sales-service record one sale and aftersales-service nothing). One document per serving branch, customer and
 * purpose ({@code _id} = {@code <servingBranch>|<customerId>|<purpose>}, so every access is an {@code _id} lookup); a
 * later lookup replaces an earlier grant of the same purpose, used or not; spending it is a compare-and-set, so only
 * one command can.
 */
public final class ServeAtBranchGrants {

    public static final String COLLECTION = "customer_grants";

    /** The one transaction a grant allows, and so the one service that honours it. */
    public enum Purpose {
        /** sales-service: record a sale (or correct a sale onto the customer). */
        SALE,
        /** sales-service: plan a visit. */
        VISIT,
        /** aftersales-service: record a work order on the customer's vehicle. */
        WORK_ORDER
    }

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Set<Purpose> honoured;

    /** {@code honoured}: the purposes this service owns; grants for any other purpose are ignored. */
    public ServeAtBranchGrants(IdempotentWrites writes, MongoTemplate mongo, Clock clock, Set<Purpose> honoured) {
        this.writes = writes;
        this.mongo = mongo;
        this.clock = clock;
        this.honoured = EnumSet.copyOf(honoured);
    }

    /** The purpose a {@code CustomerServiceGranted} names, or null when it names none or an unknown one. */
    public static Purpose purpose(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Purpose.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The fields of customer-service's {@code CustomerServiceGranted} a replica reads (tolerant reader). */
    @EventType("dealer.customers.CustomerServiceGranted.v1")
    public record Granted(String customerId, String servingBranchId, String purpose, String grantId, Instant grantedAt,
            Instant expiresAt) {
    }

    /** Applies a {@code CustomerServiceGranted} as {@link #granted(String, String, Purpose, String, Instant, Instant)}. */
    public void granted(Granted grant) {
        granted(grant.customerId(), grant.servingBranchId(), purpose(grant.purpose()), grant.grantId(),
                grant.grantedAt(), grant.expiresAt());
    }

    /**
     * Applies a grant for {@code purpose} if this service owns that purpose (a grant naming none, from before grants
     * had a purpose, is honoured by nobody: staff repeat the lookup); a redelivered or older one changes nothing.
     */
    public void granted(String customerId, String servingBranchId, Purpose purpose, String grantId, Instant grantedAt,
            Instant expiresAt) {
        if (purpose == null || !honoured.contains(purpose)) {
            return;
        }
        writes.change(COLLECTION, key(servingBranchId, customerId, purpose), current -> current == null
                || current.getDate("grantedAt").toInstant().isBefore(grantedAt)
                ? new Update().set("customerId", customerId).set("servingBranchId", servingBranchId)
                        .set("purpose", purpose.name()).set("grantId", grantId).set("grantedAt", Date.from(grantedAt))
                        .set("expiresAt", Date.from(expiresAt)).unset("usedAt").unset("usedBy")
                : null);
    }

    /** Whether {@code servingBranchId} holds an unused, unexpired grant for the customer, for {@code purpose}. */
    public boolean holds(String servingBranchId, String customerId, Purpose purpose) {
        return customerId != null && servingBranchId != null && honoured.contains(purpose)
                && usable(mongo.findById(key(servingBranchId, customerId, purpose), Document.class, COLLECTION));
    }

    /** Spends the grant for {@code purpose}; false when another command spent it first, or it expired or never existed. */
    public boolean use(String servingBranchId, String customerId, Purpose purpose, String by) {
        if (!honoured.contains(purpose)) {
            return false;
        }
        Instant now = clock.instant();
        return writes.change(COLLECTION, key(servingBranchId, customerId, purpose), current -> usable(current)
                ? new Update().set("usedAt", Date.from(now)).set("usedBy", by) : null);
    }

    private boolean usable(Document grant) {
        return grant != null && grant.get("usedAt") == null
                && grant.getDate("expiresAt").toInstant().isAfter(clock.instant());
    }

    private static String key(String servingBranchId, String customerId, Purpose purpose) {
        return servingBranchId + "|" + customerId + "|" + purpose.name();
    }
}
