package org.dealerplatform.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.dealerplatform.platform.events.CloudEventAttributes;
import org.dealerplatform.platform.events.EventTracing;
import org.dealerplatform.platform.events.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events committed in aggregate documents and then removes them ({@code $pull} by event id).
 *
 * <p>It wakes the moment a store signals a commit and looks only at the documents named; it also polls
 * {@code outbox_hints} (the aggregates announced before their commits, see {@link OutboxHints}) when it takes the
 * lease, after a failure and every poll interval, so an event committed just before a crash is never stranded, without
 * scanning the aggregate collections. Each wake-up sends a batch of events and awaits Kafka once. Publishing first and removing second means a crash in
 * between publishes an event twice, never zero times: consumers are idempotent. Only the holder of the
 * {@link OutboxLease} publishes.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Where pending entries that can never be published are put aside (REL-3). */
    public static final String QUARANTINE = "outbox_quarantine";
    /** The longest a batch is awaited (renewing the lease meanwhile) before it is sent again. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final String PENDING_ID = AggregateStore.PENDING_EVENTS + "." + PendingEvents.ID;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxSignal signal;
    private final List<String> collections;
    private final OutboxLease lease;
    private final String source;
    private final Duration pollInterval;
    private final int batchSize;
    private final Clock clock;
    private final Counter published;
    private final AtomicReference<Instant> oldestUnpublished = new AtomicReference<>();
    private final AtomicReference<Instant> rotationOldest = new AtomicReference<>();
    private final Counter quarantined;

    private final EventTracing tracing;
    private final OutboxHints hints;
    private final Duration hintGrace;
    private String pollCursor = "";

    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxSignal signal,
            List<String> collections, OutboxLease lease, String source, Duration pollInterval, int batchSize,
            Clock clock, MeterRegistry meters) {
        this(mongo, kafka, signal, collections, lease, source, pollInterval, batchSize, clock, meters, EventTracing.NONE);
    }

    /**
     * OBS-1: with {@code tracing}, each event is sent inside a span whose parent is the {@code traceparent} stored with
     * it, so the Kafka producer observation (and the record's {@code traceparent} header) continues the trace of the
     * request or event that recorded it, however much later the relay publishes.
     */
    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxSignal signal,
            List<String> collections, OutboxLease lease, String source, Duration pollInterval, int batchSize,
            Clock clock, MeterRegistry meters, EventTracing tracing) {
        this.tracing = tracing;
        this.mongo = mongo;
        this.kafka = kafka;
        this.signal = signal;
        this.collections = List.copyOf(collections);
        this.lease = lease;
        this.source = source;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.clock = clock;
        this.hints = new OutboxHints(mongo);
        // a hint whose aggregate does not exist is an insert that failed (or is still under way): kept this long
        this.hintGrace = Duration.ofMinutes(1).compareTo(pollInterval.multipliedBy(10)) > 0
                ? Duration.ofMinutes(1) : pollInterval.multipliedBy(10);
        this.published = Counter.builder("dealer.outbox.published")
                .description("Events published from the outbox to Kafka").register(meters);
        this.quarantined = Counter.builder("dealer.outbox.quarantined")
                .description("Pending outbox entries put aside in outbox_quarantine because they cannot be published (REL-3)")
                .register(meters);
        Gauge.builder("dealer.outbox.oldest.pending", this, OutboxRelay::oldestPendingSeconds)
                .description("Age in seconds of the oldest event the relay could not publish yet (0 when none)")
                .baseUnit("seconds").register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        signal.wakeUp();
        if (thread != null) {
            try {
                thread.join(1_000);
                thread.interrupt(); // a non-owner may be sleeping until the lease lapses
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.debug("could not release the outbox lease", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the web server and the listeners, so their last commits are still published
        return Integer.MAX_VALUE - 100;
    }

    double oldestPendingSeconds() {
        Instant oldest = oldestUnpublished.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private void loop() {
        boolean pollNeeded = true;
        Instant nextPoll = Instant.EPOCH;
        long backoffMillis = 100;
        boolean owner = false;
        while (running) {
            try {
                Map<String, List<Object>> signalled = signal.await(pollNeeded ? 0 : untilNextPoll(nextPoll));
                if (!running) {
                    break;
                }
                boolean wasOwner = owner;
                owner = lease.hold();
                if (!owner) {
                    // another instance publishes; try again when its lease may have lapsed
                    pollNeeded = true;
                    Thread.sleep(Math.max(100, pollInterval.toMillis()));
                    continue;
                }
                if (!wasOwner) {
                    backfillHints();
                }
                if (!wasOwner || clock.instant().isAfter(nextPoll)) {
                    pollNeeded = true;
                }
                if (pollNeeded) {
                    // every signalled aggregate was announced in outbox_hints, so the poll covers them too
                    pollNeeded = poll();
                    nextPoll = clock.instant().plus(pollInterval);
                } else {
                    publishSignalled(signalled);
                }
                backoffMillis = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failedSince(clock.instant());
                log.warn("outbox relay could not publish, retrying in {} ms: {}", backoffMillis, e.toString());
                pollNeeded = true;
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private long untilNextPoll(Instant nextPoll) {
        return Math.max(1, Duration.between(clock.instant(), nextPoll).toMillis());
    }

    /**
     * Publishes the events of the next page of {@code outbox_hints} and settles those hints; true if more hints are
     * left. It reads only the hints and the hinted aggregates by {@code _id}: its cost does not grow with the aggregate
     * collections. Pages rotate through all hints, so hints that cannot be settled yet do not starve the others.
     * Public for benchmarks and tests that drive a relay that was not started; the running relay calls it itself.
     */
    public boolean poll() {
        List<Document> page = hints.page(collections, pollCursor, batchSize);
        boolean more = page.size() == batchSize;
        pollCursor = more ? page.get(page.size() - 1).getString("_id") : "";
        Map<String, List<Object>> ids = new LinkedHashMap<>();
        for (Document hint : page) {
            ids.computeIfAbsent(hint.getString(OutboxHints.AGGREGATE_COLLECTION), c -> new ArrayList<>())
                    .add(hint.get(OutboxHints.AGGREGATE_ID));
        }
        try {
            publishBatch(ids, page);
        } catch (RuntimeException e) {
            // the gauge also rises when the relay fails before it reads a single event (database away, REL-3)
            failedSince(clock.instant());
            throw e;
        } finally {
            if (!more) {
                // every poll rotation sets the gauge: back to 0 after a rotation without failures, else still rising
                if (rotationOldest.getAndSet(null) == null) {
                    oldestUnpublished.set(null);
                }
            }
        }
        return more;
    }

    private void publishSignalled(Map<String, List<Object>> signalled) {
        Map<String, List<Object>> chunk = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, List<Object>> entry : signalled.entrySet()) {
            for (Object id : entry.getValue()) {
                chunk.computeIfAbsent(entry.getKey(), c -> new ArrayList<>()).add(id);
                if (++size == batchSize) {
                    publishChunk(chunk);
                    chunk = new LinkedHashMap<>();
                    size = 0;
                }
            }
        }
        if (size > 0) {
            publishChunk(chunk);
        }
    }

    private void publishChunk(Map<String, List<Object>> ids) {
        List<Document> hinted = new ArrayList<>();
        // the hints are read before they are settled; settling compares them with the versions read after publishing
        ids.forEach((collection, aggregateIds) -> hinted.addAll(hints.of(collection, aggregateIds)));
        publishBatch(ids, hinted);
    }

    /**
     * Reads the named aggregates by {@code _id}, sends all their pending events and awaits Kafka once, removes the
     * acknowledged events, then settles the given hints against the versions read. An entry that cannot be read or
     * turned into a record is put aside in {@code outbox_quarantine} (REL-3) instead of failing the whole batch.
     */
    private void publishBatch(Map<String, List<Object>> ids, List<Document> hinted) {
        Map<String, Map<Object, List<PendingEvent>>> pending = new LinkedHashMap<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<PendingEvent> recordEvents = new ArrayList<>();
        Map<String, Long> versionsRead = new HashMap<>();
        for (Map.Entry<String, List<Object>> entry : ids.entrySet()) {
            String collection = entry.getKey();
            Query byId = Query.query(Criteria.where("_id").in(entry.getValue()));
            byId.fields().include(AggregateStore.PENDING_EVENTS).include(AggregateStore.VERSION);
            for (Document document : mongo.find(byId, Document.class, collection)) {
                Object version = document.get(AggregateStore.VERSION);
                versionsRead.put(OutboxHints.id(collection, document.get("_id")),
                        version instanceof Number n ? n.longValue() : 0L);
                Object entries = document.get(AggregateStore.PENDING_EVENTS);
                if (entries == null) {
                    continue;
                }
                if (!(entries instanceof List<?> list)) {
                    quarantine(collection, document.get("_id"), entries, new IllegalArgumentException(
                            AggregateStore.PENDING_EVENTS + " is not an array"), true);
                    continue;
                }
                for (Object raw : list) {
                    try {
                        if (!(raw instanceof Document event)) {
                            throw new IllegalArgumentException("pending event is not a document: " + raw);
                        }
                        PendingEvent read = PendingEvents.fromDocument(event);
                        if (read.id() == null || read.id().isBlank()) {
                            throw new IllegalArgumentException("pending event has no id");
                        }
                        ProducerRecord<String, byte[]> record = CloudEventAttributes.toRecord(read, source);
                        records.add(record);
                        recordEvents.add(read);
                        pending.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                                .computeIfAbsent(document.get("_id"), i -> new ArrayList<>()).add(read);
                    } catch (RuntimeException malformed) {
                        quarantine(collection, document.get("_id"), raw, malformed, false);
                    }
                }
            }
        }
        if (!records.isEmpty()) {
            int sent = send(records, recordEvents, pending);
            pending.forEach(this::removePublished);
            published.increment(sent);
        }
        hints.settle(hinted, versionsRead, Instant.now(), hintGrace);
    }

    /**
     * REL-3: moves a pending entry that can never be published to {@code outbox_quarantine} (what it was, where it came
     * from, why) and removes it from its aggregate, so it no longer blocks the relay; counted and logged as an alert.
     * The quarantine is written before the removal, so a crash in between leaves the entry to be quarantined again.
     */
    private void quarantine(String collection, Object aggregateId, Object entry, RuntimeException why, boolean wholeField) {
        String entryId = entry instanceof Document d && d.get(PendingEvents.ID) instanceof String s && !s.isBlank()
                ? s : Integer.toHexString(String.valueOf(entry).hashCode());
        String quarantineId = collection + ":" + aggregateId + ":" + entryId;
        mongo.save(new Document("_id", quarantineId).append("collection", collection).append("aggregateId", aggregateId)
                .append("entry", entry).append("error", why.toString()).append("at", new Date()), QUARANTINE);
        Query document = Query.query(Criteria.where("_id").is(aggregateId));
        if (wholeField) {
            mongo.updateFirst(document, new Update().unset(AggregateStore.PENDING_EVENTS), collection);
        } else {
            mongo.updateFirst(document, new Update().pull(AggregateStore.PENDING_EVENTS, entry), collection);
        }
        quarantined.increment();
        log.error("ALERT outbox entry quarantined (REL-3): {} {} entry {} moved to {}: {}", collection, aggregateId,
                entryId, QUARANTINE, why.toString());
    }

    /**
     * Sends every record of the batch, then flushes and awaits the acknowledgements (at most {@link #MAX_WAIT}); the
     * number sent. REL-3: the lease is renewed in the database (fenced: only by its owner) before sending and every
     * third of its time while waiting, so a publish never outlives it; a relay that finds its lease taken stops waiting
     * at once and fails the batch, which leaves the events pending for the new owner (published twice at worst, never
     * lost) and never removes what the new owner is publishing.
     */
    private int send(List<ProducerRecord<String, byte[]>> records, List<PendingEvent> events,
            Map<String, Map<Object, List<PendingEvent>>> pending) {
        if (!lease.renew()) {
            throw new IllegalStateException("outbox lease lost before publishing");
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            for (int i = 0; i < records.size(); i++) {
                // OBS-1: the send (and its producer observation) runs in a span continuing the stored traceparent
                // (a failed acknowledgement is recorded on the producer observation's span, the send's child)
                try (EventTracing.Traced span = tracing.publishing(events.get(i))) {
                    sends.add(kafka.send(records.get(i)));
                }
            }
            kafka.flush();
            CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
            Instant giveUp = clock.instant().plus(MAX_WAIT);
            long slice = Math.max(10, lease.ttl().toMillis() / 3);
            while (true) {
                try {
                    all.get(slice, TimeUnit.MILLISECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException notYet) {
                    if (clock.instant().isAfter(giveUp)) {
                        throw notYet;
                    }
                    if (!lease.renew()) {
                        throw new IllegalStateException("outbox lease taken over while publishing");
                    }
                }
            }
            if (!lease.stillValid()) {
                throw new IllegalStateException("outbox lease lapsed while publishing");
            }
        } catch (Exception e) {
            pending.values().stream().flatMap(byAggregate -> byAggregate.values().stream()).flatMap(List::stream)
                    .map(PendingEvent::time).min(Instant::compareTo).ifPresent(this::failedSince);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e, e);
        }
        return sends.size();
    }

    /** Records that events as old as {@code oldest} are still pending after a failure (the gauge, REL-3). */
    private void failedSince(Instant oldest) {
        oldestUnpublished.accumulateAndGet(oldest, (a, b) -> a == null || b.isBefore(a) ? b : a);
        rotationOldest.accumulateAndGet(oldest, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    /**
     * Announces, once in the life of the database, every aggregate that already holds pending events, for data written
     * before stores announced their commits. It is the only scan of an aggregate collection, marked done per collection.
     */
    private void backfillHints() {
        for (String collection : collections) {
            String marker = "hints-backfilled:" + collection;
            if (mongo.findById(marker, Document.class, OutboxLease.COLLECTION) != null) {
                continue;
            }
            Query withPending = Query.query(Criteria.where(PENDING_ID).exists(true));
            withPending.fields().include(AggregateStore.VERSION);
            for (Document document : mongo.find(withPending, Document.class, collection)) {
                Number version = document.get(AggregateStore.VERSION, Number.class);
                hints.announce(collection, document.get("_id"), version == null ? 0 : version.longValue());
            }
            mongo.save(new Document("_id", marker).append("at", new Date()), OutboxLease.COLLECTION);
        }
    }

    /** Removes the acknowledged events from their documents; a crash before this publishes them again, never loses them. */
    protected void removePublished(String collection, Map<Object, List<PendingEvent>> byAggregate) {
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        byAggregate.forEach((id, events) -> bulk.updateOne(Query.query(Criteria.where("_id").is(id)),
                new Update().pull(AggregateStore.PENDING_EVENTS,
                        new Document(PendingEvents.ID, new Document("$in", events.stream().map(PendingEvent::id).toList())))));
        bulk.execute();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
