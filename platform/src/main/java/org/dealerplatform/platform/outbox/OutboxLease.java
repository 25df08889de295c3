package org.dealerplatform.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Lets one relay instance of a service publish at a time: a lease document taken with a conditional upsert. A second
 * owner's upsert hits the unique {@code _id} (error 11000) and is refused until the lease lapses.
 */
public class OutboxLease {

    static final String COLLECTION = "outbox_lease";

    private final MongoTemplate mongo;
    private final String name;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private volatile Instant validUntil = Instant.EPOCH;
    private volatile Instant renewedAt = Instant.EPOCH;

    public OutboxLease(MongoTemplate mongo, String name, String owner, Duration ttl, Clock clock) {
        this.mongo = mongo;
        this.name = name;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    /**
     * True while this instance holds the lease; renews it once a third of its time has passed, takes it when it lapsed.
     */
    public boolean hold() {
        Instant now = clock.instant();
        if (now.isBefore(validUntil) && now.isBefore(renewedAt.plus(ttl.dividedBy(3)))) {
            return true;
        }
        Instant until = now.plus(ttl);
        Query free = Query.query(Criteria.where("_id").is(name)
                .orOperator(Criteria.where("until").lt(Date.from(now)), Criteria.where("owner").is(owner)));
        Update take = new Update().set("owner", owner).set("until", Date.from(until));
        try {
            Document lease = mongo.findAndModify(free, take,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
            if (lease != null && owner.equals(lease.getString("owner"))) {
                renewedAt = now;
                validUntil = until;
                return true;
            }
        } catch (DuplicateKeyException held) {
            // another instance holds a lease that has not lapsed
        }
        validUntil = Instant.EPOCH;
        return false;
    }

    /**
     * Renews the lease now, only if this instance still owns it in the database (the fence of REL-3: a relay whose
     * lease was taken over learns it here, before it sends); false if it is lost.
     */
    public boolean renew() {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        Query mine = Query.query(Criteria.where("_id").is(name).and("owner").is(owner));
        Document lease = mongo.findAndModify(mine, new Update().set("until", Date.from(until)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (lease == null) {
            validUntil = Instant.EPOCH;
            return false;
        }
        renewedAt = now;
        validUntil = until;
        return true;
    }

    /**
     * The latest moment a publish may still be awaited: four fifths into the lease since its last renewal, so a send
     * never outlives the lease another instance may take when it lapses (REL-3).
     */
    public Instant publishDeadline() {
        return renewedAt.plus(ttl.multipliedBy(4).dividedBy(5));
    }

    /** How long the lease lasts without renewal. */
    public Duration ttl() {
        return ttl;
    }

    /** True if the lease is still ours right now; checked again just before a batch is published. */
    public boolean stillValid() {
        return clock.instant().isBefore(validUntil);
    }

    /** Gives the lease up (on shutdown) so another instance can take over at once. */
    public void release() {
        mongo.remove(Query.query(Criteria.where("_id").is(name).and("owner").is(owner)), COLLECTION);
        validUntil = Instant.EPOCH;
    }
}
