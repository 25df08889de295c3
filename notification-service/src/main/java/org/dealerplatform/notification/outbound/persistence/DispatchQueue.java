package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The unsent work only (NOT-5): one small entry per QUEUED notification ({@code _id} = notification id,
 * {@code nextAttemptAt}, {@code claimedUntil}, {@code rev}), which the dispatcher polls instead of the
 * {@code notifications} collection, so polling costs what is waiting, not what was ever sent. The notification document
 * stays the source of truth: an entry whose notification is missing or no longer QUEUED is removed when claimed.
 *
 * <p>Every write here is keyed: {@code {_id}} or {@code {_id, rev}} (a unique index), which the embedded MongoDB-wire
 * server answers from an index; only {@link #dueCandidates} reads the queue as a whole.
 */
@Component
public class DispatchQueue {

    public static final String COLLECTION = "dispatch_queue";
    /** The token of the bulk claim that holds an entry (see {@link #claimAll}). */
    static final String CLAIM = "claim";

    /**
     * One queue entry as the dispatcher sees it.
     *
     * @param traceparent OBS-1: the W3C trace context the notification was requested in (the consumer span of the event
     *                    that asked for it), so its dispatch, however much later, continues that trace; may be null
     */
    public record Entry(String id, Instant nextAttemptAt, Instant enqueuedAt, long rev, String traceparent) {
    }

    private final MongoTemplate mongo;

    public DispatchQueue(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("rev", Sort.Direction.ASC)
                .unique().named("id_rev"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("nextAttemptAt", Sort.Direction.ASC).named("due"));
    }

    /**
     * Puts notification {@code id} on the queue, due at {@code dueAt}, unless it is there already (idempotent: a
     * redelivered request changes nothing, and an existing entry keeps its schedule and lease).
     */
    public void enqueue(String id, Instant dueAt, Instant now) {
        enqueue(id, dueAt, now, null);
    }

    /** As {@link #enqueue(String, Instant, Instant)}, keeping the trace context of the request (OBS-1) on insert. */
    public void enqueue(String id, Instant dueAt, Instant now, String traceparent) {
        Update update = new Update()
                .setOnInsert("nextAttemptAt", Date.from(dueAt)).setOnInsert("enqueuedAt", Date.from(now))
                .setOnInsert("rev", 0L);
        if (traceparent != null) {
            update.setOnInsert("traceparent", traceparent);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
    }

    /**
     * {@link #enqueue(String, Instant, Instant, String)} for many notifications (id → traceparent, may be null), due
     * at {@code now}, in one unordered bulk of {@code _id}-keyed upserts (issue 10).
     */
    public void enqueueAll(Map<String, String> traceparents, Instant now) {
        if (traceparents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        traceparents.forEach((id, traceparent) -> {
            Update update = new Update().setOnInsert("nextAttemptAt", Date.from(now))
                    .setOnInsert("enqueuedAt", Date.from(now)).setOnInsert("rev", 0L);
            if (traceparent != null) {
                update.setOnInsert("traceparent", traceparent);
            }
            bulk.upsert(Query.query(Criteria.where("_id").is(id)), update);
        });
        bulk.execute();
    }

    /** Up to {@code limit} entries due at {@code now} and not under a live lease, oldest first: candidates only. */
    public List<Entry> dueCandidates(Instant now, int limit) {
        Date at = Date.from(now);
        Query due = Query.query(Criteria.where("nextAttemptAt").lte(at)
                        .orOperator(Criteria.where("claimedUntil").is(null), Criteria.where("claimedUntil").lt(at)))
                .with(Sort.by("nextAttemptAt")).limit(limit);
        // only what an Entry needs: the embedded server then answers with copies, not its live documents, which a
        // concurrent bulk claim could change while the answer is encoded (ConcurrentModificationException seen there)
        due.fields().include("_id").include("nextAttemptAt").include("enqueuedAt").include("rev").include("traceparent");
        return mongo.find(due, Document.class, COLLECTION).stream().map(DispatchQueue::entry).toList();
    }

    /**
     * Claims a candidate until {@code leaseUntil} with a compare-and-set on {@code {_id, rev}} (safe with several
     * workers and instances: of two claims on the same revision one wins). Returns whether this caller won.
     */
    public boolean claim(Entry entry, Instant leaseUntil) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(entry.id()).and("rev").is(entry.rev())),
                new Update().set("claimedUntil", Date.from(leaseUntil)).inc("rev", 1), COLLECTION).getModifiedCount() == 1;
    }

    /**
     * Claims a page of candidates until {@code leaseUntil} in ONE unordered bulk write (issue 10): per entry the same
     * compare-and-set on {@code {_id, rev}} as {@link #claim}, which also stamps a token of this call. When fewer
     * entries matched than were sent (another worker won some), the page is read back by {@code _id $in} and the
     * entries carrying this call's token are the ones won. Returns the entries this caller won.
     */
    public List<Entry> claimAll(List<Entry> entries, Instant leaseUntil) {
        if (entries.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Entry entry : entries) {
            bulk.updateOne(Query.query(Criteria.where("_id").is(entry.id()).and("rev").is(entry.rev())),
                    new Update().set("claimedUntil", Date.from(leaseUntil)).set(CLAIM, token).inc("rev", 1));
        }
        int matched = bulk.execute().getMatchedCount();
        if (matched == entries.size()) {
            return entries;
        }
        if (matched == 0) {
            return List.of();
        }
        Query readBack = Query.query(Criteria.where("_id").in(entries.stream().map(Entry::id).toList()));
        readBack.fields().include("_id").include(CLAIM);
        Set<String> won = new HashSet<>();
        for (Document document : mongo.find(readBack, Document.class, COLLECTION)) {
            if (token.equals(document.getString(CLAIM))) {
                won.add(document.getString("_id"));
            }
        }
        return entries.stream().filter(entry -> won.contains(entry.id())).toList();
    }

    /**
     * Brings a page of claimed entries in line with their saved notifications in ONE unordered bulk write:
     * {@code reschedule} (id → next attempt; the lease is released) and {@code remove} (final or gone). Keyed on
     * {@code _id} like {@link #reschedule} and {@link #remove}.
     */
    public void settle(Map<String, Instant> reschedule, Collection<String> remove) {
        if (reschedule.isEmpty() && remove.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        reschedule.forEach((id, at) -> bulk.updateOne(Query.query(Criteria.where("_id").is(id)), new Update()
                .set("nextAttemptAt", Date.from(at)).unset("claimedUntil").inc("rev", 1)));
        for (String id : remove) {
            bulk.remove(Query.query(Criteria.where("_id").is(id)));
        }
        bulk.execute();
    }

    /** The notification stays queued until {@code nextAttemptAt} (retry, deferral): the lease is released. */
    public void reschedule(String id, Instant nextAttemptAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update()
                .set("nextAttemptAt", Date.from(nextAttemptAt)).unset("claimedUntil").inc("rev", 1), COLLECTION);
    }

    /** The notification reached a final state (or is gone): nothing left to dispatch. */
    public void remove(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }

    /** How many entries wait (due or not). */
    public long size() {
        return mongo.getCollection(COLLECTION).estimatedDocumentCount();
    }

    private static Entry entry(Document d) {
        Date enqueuedAt = d.getDate("enqueuedAt");
        Object rev = d.get("rev");
        return new Entry(d.getString("_id"), d.getDate("nextAttemptAt").toInstant(),
                enqueuedAt == null ? Instant.EPOCH : enqueuedAt.toInstant(), rev instanceof Number n ? n.longValue() : 0L,
                d.getString("traceparent"));
    }
}
