package org.dealerplatform.notification.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.notification.outbound.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Every consent change per customer and channel, with its source and effective time (NOT-7), so that "was sending
 * allowed at time T?" can be answered.
 *
 * <p>One document per customer ({@code _id} = customer id) holds, per channel, the changes ordered by effective time
 * ({@code channels.<CHANNEL> = [{key, allowed, source, at, recordedAt}, ...]}). A consent event is one read by
 * {@code _id} and one conditional single-document write for all its channels ({@link IdempotentWrites#change}: compare-and-set
 * on {@code {_id, rev}}); an event whose key the document already holds records nothing, so a redelivery records
 * nothing twice. A read at time T is one {@code _id} lookup. Cost per event and per read stays flat however many
 * customers are stored (the embedded server only indexes {@code _id}).
 *
 * <p>Retention (NOT-7, at least 5 months): entries are never dropped by age. Each channel keeps its newest
 * {@code dealer.notifications.consent.entries-per-channel} changes (default 200); only a customer whose consent on one
 * channel changed more often than that within five months would lose the oldest of those changes.
 */
@Component
public class ConsentLedger {

    public static final String COLLECTION = "consent-ledger";
    /** Fewest changes per channel the ledger may be configured to keep. */
    static final int MIN_ENTRIES_PER_CHANNEL = 50;
    private static final Logger log = LoggerFactory.getLogger(ConsentLedger.class);

    /** The consent state of one channel at a point in time; {@code source}/{@code since} null when nothing is known. */
    public record ChannelConsent(boolean allowed, String source, Instant since) {
    }

    private final MongoTemplate mongo;
    private final IdempotentWrites documents;
    private final Clock clock;
    private final int entriesPerChannel;

    public ConsentLedger(MongoTemplate mongo, IdempotentWrites documents, Clock clock,
            @Value("${dealer.notifications.consent.entries-per-channel:200}") int entriesPerChannel) {
        if (entriesPerChannel < MIN_ENTRIES_PER_CHANNEL) {
            throw new IllegalStateException("dealer.notifications.consent.entries-per-channel must keep at least "
                    + MIN_ENTRIES_PER_CHANNEL + " changes per channel (NOT-7: at least 5 months of history)");
        }
        this.mongo = mongo;
        this.documents = documents;
        this.clock = clock;
        this.entriesPerChannel = entriesPerChannel;
        migrateFlatEntries();
    }

    /** Records that one channel became allowed or not; see {@link #record(String, String, String, Map, String, Instant)}. */
    public void record(String entryKey, String customerId, String branchId, Channel channel, boolean allowed,
            String source, Instant at) {
        record(entryKey, customerId, branchId, Map.of(channel, allowed), source, at);
    }

    /**
     * Records that each channel of {@code allowed} became allowed or not at {@code at}, said by {@code source}, in one
     * conditional write. {@code entryKey} makes it idempotent (e.g. the event id): a redelivered event records nothing
     * twice. Returns whether it was recorded now.
     */
    public boolean record(String entryKey, String customerId, String branchId, Map<Channel, Boolean> allowed,
            String source, Instant at) {
        if (allowed.isEmpty()) {
            return false;
        }
        return documents.apply(COLLECTION, entry(entryKey, customerId, branchId, allowed, source, at));
    }

    /**
     * {@link #record} for a poll's consent changes at once, in their order (issue 10: an import records one per
     * customer): one {@code _id $in} read and one bulk write ({@link IdempotentWrites#applyAll}), the same entries.
     */
    public void recordAll(List<IdempotentWrites.Change> entries) {
        documents.applyAll(COLLECTION, entries);
    }

    /** {@link #record} as a change of the customer's ledger document, for {@link #recordAll} ({@code allowed} not empty). */
    public IdempotentWrites.Change entry(String entryKey, String customerId, String branchId, Map<Channel, Boolean> allowed,
            String source, Instant at) {
        Date recordedAt = Date.from(clock.instant());
        return new IdempotentWrites.Change(customerId, current -> {
            Document channels = current == null ? null : current.get("channels", Document.class);
            Update update = new Update().set("branchId", branchId);
            for (Map.Entry<Channel, Boolean> channel : allowed.entrySet()) {
                List<Document> entries = channels == null ? null : channels.getList(channel.getKey().name(), Document.class);
                List<Document> kept = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
                if (kept.stream().anyMatch(e -> entryKey.equals(e.getString("key")))) {
                    return null; // NOT-7: this event was recorded before (a redelivery): nothing twice
                }
                kept.add(new Document("key", entryKey).append("allowed", Boolean.TRUE.equals(channel.getValue()))
                        .append("source", source).append("at", Date.from(at)).append("recordedAt", recordedAt));
                kept.sort(Comparator.comparing((Document e) -> e.getDate("at")).thenComparing(e -> e.getDate("recordedAt")));
                update.set("channels." + channel.getKey().name(),
                        kept.subList(Math.max(0, kept.size() - entriesPerChannel), kept.size()));
            }
            return update;
        });
    }

    /** Per channel: was sending allowed at {@code at}? (NOT-7) One {@code _id} read. */
    public Map<Channel, ChannelConsent> at(String customerId, Instant at) {
        Document ledger = mongo.findById(customerId, Document.class, COLLECTION);
        Document channels = ledger == null ? null : ledger.get("channels", Document.class);
        Map<Channel, ChannelConsent> answer = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            answer.put(channel, inForceAt(channels == null ? null : channels.getList(channel.name(), Document.class), at));
        }
        return answer;
    }

    private static ChannelConsent inForceAt(List<Document> entries, Instant at) {
        ChannelConsent answer = new ChannelConsent(false, null, null);
        if (entries == null) {
            return answer;
        }
        // kept in order of effective time (then recording time), so the last one not after T decides
        for (Document entry : entries) {
            Instant since = entry.getDate("at").toInstant();
            if (since.isAfter(at)) {
                break;
            }
            answer = new ChannelConsent(entry.getBoolean("allowed"), entry.getString("source"), since);
        }
        return answer;
    }

    /**
     * Folds entries of the former layout (one document per change and channel, with {@code customerId} and
     * {@code channel} fields) into the per-customer documents, then removes them. Idempotent; a one-off scan at start.
     */
    private void migrateFlatEntries() {
        Query flat = Query.query(Criteria.where("channel").exists(true));
        int migrated = 0;
        for (Document old : mongo.find(flat, Document.class, COLLECTION)) {
            String id = old.getString("_id");
            String channel = old.getString("channel");
            String key = id.endsWith(":" + channel) ? id.substring(0, id.length() - channel.length() - 1) : id;
            Map<Channel, Boolean> allowed = new LinkedHashMap<>();
            allowed.put(Channel.valueOf(channel), old.getBoolean("allowed"));
            record(key, old.getString("customerId"), old.getString("branchId"), allowed, old.getString("source"),
                    old.getDate("at").toInstant());
            mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
            migrated++;
        }
        if (migrated > 0) {
            log.info("moved {} consent entries of the former layout into per-customer ledger documents", migrated);
        }
    }
}
