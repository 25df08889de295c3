package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Issue 10 benchmark (not a test), one fixture for every customer replica: an import's event stream
 * ({@code CustomerRegistered} and the consent given, {@code ContactPreferencesChanged}, per customer;
 * {@code -Dbenchmark.events}, default 10,000) applied by the service's customer listener one event at a time (the
 * replica before issue 10: an {@code _id} read and a compare-and-set per event), then the same stream for other
 * customers in polls of {@code -Dbenchmark.poll} events (default 500, Kafka's {@code max.poll.records}) through the
 * batch handler, in the same run and on the same database (the batched phase second, on the larger database). Prints
 * events per second of both and the ratio, and checks that both phases leave the same replica documents.
 *
 * <p>Run: {@code mvn -o -pl <service> -Pbenchmark test -Dtest=CustomerReplicaBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
public abstract class CustomerReplicaBenchmark {

    protected static final int EVENTS = Integer.getInteger("benchmark.events", 10_000);
    static final int POLL = Integer.getInteger("benchmark.poll", 500);

    @Autowired
    protected MongoTemplate mongo;

    private final String service;
    private final String topic;
    private final String collection;

    protected CustomerReplicaBenchmark(String service, String topic, String collection) {
        this.service = service;
        this.topic = topic;
        this.collection = collection;
    }

    /** The database the benchmark runs on, for the printout. */
    protected String database() {
        return "the test's embedded database (in memory)";
    }

    /** Hands {@code poll} to the service's customer listener as Kafka delivers one poll (its {@code applyAll}). */
    protected abstract void applyPoll(List<PollEvent> poll);

    @Test
    public void perEventVersusBatched() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<PollEvent> warmUp = importStream("warm-" + run, 1_000);
        perEvent(warmUp.subList(0, 500));
        polls(warmUp.subList(500, 1_000), new ArrayList<>());

        List<PollEvent> perEventEvents = importStream("one-" + run, EVENTS);
        List<PollEvent> batchedEvents = importStream("bulk-" + run, EVENTS);
        double perEvent = perEvent(perEventEvents);
        System.out.printf(Locale.ROOT, "BENCHMARK %s per event: %,.0f events/s%n", service, perEvent);
        List<Long> pollMillis = new ArrayList<>();
        double batched = polls(batchedEvents, pollMillis);
        pollMillis.sort(null);

        int different = 0;
        for (int i = 0; i < EVENTS / 2; i++) {
            if (!withoutRevision(mongo.findById(customer("one-" + run, i), Document.class, collection))
                    .equals(withoutRevision(mongo.findById(customer("bulk-" + run, i), Document.class, collection)))) {
                different++;
            }
        }
        System.out.println(String.format(Locale.ROOT, """

                === %s customer replica, per event vs batched (issue 10), %s ===
                %,d events (%,d customers: CustomerRegistered + ContactPreferencesChanged each)
                per event:         %,8.0f events/s
                batched (poll %d): %,8.0f events/s   (a poll takes p50 %d ms, max %d ms)
                batched / per event: %.1f×
                replica documents that differ between the phases: %d
                """, service, database(), EVENTS, EVENTS / 2, perEvent, POLL, batched, pollMillis.get(pollMillis.size() / 2),
                pollMillis.get(pollMillis.size() - 1), batched / perEvent, different));
        assertThat(different).as("batched replica documents equal the per-event ones").isZero();
    }

    private double perEvent(List<PollEvent> events) {
        long start = System.nanoTime();
        events.forEach(event -> applyPoll(List.of(event)));
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double polls(List<PollEvent> events, List<Long> pollMillis) {
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i += POLL) {
            long t = System.nanoTime();
            applyPoll(events.subList(i, Math.min(events.size(), i + POLL)));
            pollMillis.add((System.nanoTime() - t) / 1_000_000);
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** An import of {@code count / 2} customers: each registered and its consent given, as customer-service saves them. */
    private List<PollEvent> importStream(String prefix, int count) {
        List<PollEvent> events = new ArrayList<>(count);
        for (int i = 0; events.size() < count; i++) {
            String id = customer(prefix, i);
            Map<String, String> unique = Map.of("13812345678", "138" + String.format(Locale.ROOT, "%08d", i),
                    "王伟", "客户" + i);
            events.add(PollEvent.example("dealer.customers.CustomerRegistered.v1", id, 1, unique, topic, events.size()));
            if (events.size() < count) {
                events.add(PollEvent.example("dealer.customers.ContactPreferencesChanged.v1", id, 1, Map.of(), topic,
                        events.size()));
            }
        }
        return events;
    }

    private static String customer(String prefix, int i) {
        return prefix + "-" + i;
    }

    private static Document withoutRevision(Document replica) {
        if (replica == null) {
            return new Document();
        }
        Document copy = new Document(replica);
        copy.remove("_id");
        copy.remove("rev");
        return copy;
    }
}
