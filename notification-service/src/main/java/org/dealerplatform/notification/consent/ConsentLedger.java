package org.dealerplatform.notification.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.notification.notification.Channel;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Every consent change per customer and channel, with its source and effective time (NOT-7), so that "was sending
 * allowed at time T?" can be answered. An entry in force never expires; once a newer entry supersedes it, it gets an
 * {@code expireAt} = supersession time + retention (≥ 5 months), enforced by a TTL index.
 */
@Component
public class ConsentLedger {

    public static final String COLLECTION = "consent-ledger";
    private static final Logger log = LoggerFactory.getLogger(ConsentLedger.class);

    /** The consent state of one channel at a point in time; {@code source}/{@code since} null when nothing is known. */
    public record ChannelConsent(boolean allowed, String source, Instant since) {
    }

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;
    private final Clock clock;
    private final Duration retention;

    public ConsentLedger(MongoTemplate mongo, IdempotentWrites writes, Clock clock,
            @Value("${dealer.notifications.consent.retention:183d}") Duration retention) {
        if (retention.compareTo(Duration.ofDays(150)) < 0) {
            throw new IllegalStateException("dealer.notifications.consent.retention must keep at least 5 months (NOT-7)");
        }
        this.mongo = mongo;
        this.writes = writes;
        this.clock = clock;
        this.retention = retention;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC)
                .on("channel", Sort.Direction.ASC).on("at", Sort.Direction.DESC).named("customer_channel_at"));
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("expireAt", Sort.Direction.ASC)
                    .expire(Duration.ZERO).named("superseded_ttl"));
        } catch (RuntimeException e) {
            log.warn("TTL index on {} not created ({}); superseded consent entries will not expire", COLLECTION, e.getMessage());
        }
    }

    /**
     * Records that {@code channel} became allowed or not at {@code at}, said by {@code source}. {@code entryKey} makes
     * the entry idempotent (e.g. the event id): a redelivered event records nothing twice.
     */
    public void record(String entryKey, String customerId, String branchId, Channel channel, boolean allowed,
            String source, Instant at) {
        Document entry = new Document("_id", entryKey + ":" + channel)
                .append("customerId", customerId).append("branchId", branchId).append("channel", channel.name())
                .append("allowed", allowed).append("source", source).append("at", Date.from(at))
                .append("recordedAt", Date.from(clock.instant()));
        if (!writes.insertOnce(COLLECTION, entry)) {
            return;
        }
        Document latest = mongo.findOne(Query.query(Criteria.where("customerId").is(customerId).and("channel").is(channel.name()))
                .with(Sort.by(Sort.Direction.DESC, "at")).limit(1), Document.class, COLLECTION);
        if (latest != null) {
            mongo.updateMulti(Query.query(Criteria.where("customerId").is(customerId).and("channel").is(channel.name())
                            .and("at").lt(latest.getDate("at")).and("expireAt").is(null)),
                    new Update().set("expireAt", Date.from(clock.instant().plus(retention))), COLLECTION);
        }
    }

    /** Per channel: was sending allowed at {@code at}? (NOT-7) */
    public Map<Channel, ChannelConsent> at(String customerId, Instant at) {
        Map<Channel, ChannelConsent> answer = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            Document entry = mongo.findOne(Query.query(Criteria.where("customerId").is(customerId)
                            .and("channel").is(channel.name()).and("at").lte(Date.from(at)))
                    .with(Sort.by(Sort.Direction.DESC, "at")).limit(1), Document.class, COLLECTION);
            answer.put(channel, entry == null ? new ChannelConsent(false, null, null)
                    : new ChannelConsent(entry.getBoolean("allowed"), entry.getString("source"), entry.getDate("at").toInstant()));
        }
        return answer;
    }
}
