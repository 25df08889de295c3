package org.dealerplatform.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.dealerplatform.platform.events.CloudEventAttributes;
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
 * <p>It wakes the moment a store signals a commit and looks only at the documents named; it also scans every
 * {@link AggregateStore}'s collection at start-up, when it takes the lease, after a failure and every poll interval,
 * so an event committed just before a crash is never stranded. Publishing first and removing second means a crash in
 * between publishes an event twice, never zero times: consumers are idempotent. Only the holder of the
 * {@link OutboxLease} publishes.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
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

    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxSignal signal,
            List<String> collections, OutboxLease lease, String source, Duration pollInterval, int batchSize,
            Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.signal = signal;
        this.collections = List.copyOf(collections);
        this.lease = lease;
        this.source = source;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.clock = clock;
        this.published = Counter.builder("dealer.outbox.published")
                .description("Events published from the outbox to Kafka").register(meters);
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
        boolean scanNeeded = true;
        Instant nextScan = Instant.EPOCH;
        long backoffMillis = 100;
        boolean owner = false;
        while (running) {
            try {
                Map<String, List<Object>> hints = signal.await(scanNeeded ? 0 : untilNextScan(nextScan));
                if (!running) {
                    break;
                }
                boolean wasOwner = owner;
                owner = lease.hold();
                if (!owner) {
                    // another instance publishes; try again when its lease may have lapsed
                    scanNeeded = true;
                    Thread.sleep(Math.max(100, pollInterval.toMillis()));
                    continue;
                }
                if (!wasOwner || clock.instant().isAfter(nextScan)) {
                    scanNeeded = true;
                }
                if (scanNeeded) {
                    scanNeeded = scanAll();
                    nextScan = clock.instant().plus(pollInterval);
                } else {
                    publishHinted(hints);
                }
                backoffMillis = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay could not publish, retrying in {} ms: {}", backoffMillis, e.toString());
                scanNeeded = true;
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private long untilNextScan(Instant nextScan) {
        return Math.max(1, Duration.between(clock.instant(), nextScan).toMillis());
    }

    /** Publishes one batch of every collection's pending events; true if more are left. */
    boolean scanAll() {
        boolean more = false;
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(PENDING_ID).exists(true)).limit(batchSize);
            pending.fields().include(AggregateStore.PENDING_EVENTS);
            List<Document> documents = mongo.find(pending, Document.class, collection);
            publish(collection, documents);
            more |= documents.size() == batchSize;
        }
        if (!more) {
            oldestUnpublished.set(null);
        }
        return more;
    }

    private void publishHinted(Map<String, List<Object>> hints) {
        for (Map.Entry<String, List<Object>> entry : hints.entrySet()) {
            List<Object> ids = entry.getValue();
            for (int from = 0; from < ids.size(); from += batchSize) {
                Query byId = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + batchSize))));
                byId.fields().include(AggregateStore.PENDING_EVENTS);
                publish(entry.getKey(), mongo.find(byId, Document.class, entry.getKey()));
            }
        }
    }

    private void publish(String collection, List<Document> documents) {
        Map<Object, List<PendingEvent>> byAggregate = new LinkedHashMap<>();
        for (Document document : documents) {
            List<Document> pending = document.getList(AggregateStore.PENDING_EVENTS, Document.class);
            if (pending != null && !pending.isEmpty()) {
                byAggregate.put(document.get("_id"), pending.stream().map(PendingEvents::fromDocument).toList());
            }
        }
        if (byAggregate.isEmpty()) {
            return;
        }
        if (!lease.stillValid()) {
            throw new IllegalStateException("outbox lease lapsed before publishing");
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            for (List<PendingEvent> events : byAggregate.values()) {
                for (PendingEvent event : events) {
                    sends.add(kafka.send(CloudEventAttributes.toRecord(event, source)));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            byAggregate.values().stream().flatMap(List::stream).map(PendingEvent::time).min(Instant::compareTo)
                    .ifPresent(oldest -> oldestUnpublished.accumulateAndGet(oldest,
                            (a, b) -> a == null || b.isBefore(a) ? b : a));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e, e);
        }
        removePublished(collection, byAggregate);
        published.increment(sends.size());
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
