package org.dealerplatform.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.PendingEvent;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's failure cases, each with relays of its own on a collection of its own (the application's relay does not
 * know these collections, and is not signalled about them).
 */
@ServiceTest
class RelayFailureTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventFactory events;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    /** A relay that "dies" between publishing and removing, the given number of times. */
    static class CrashingRelay extends OutboxRelay {
        final AtomicInteger crashesLeft;

        CrashingRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxSignal signal, String collection,
                OutboxLease lease, int crashes, SimpleMeterRegistry meters) {
            super(mongo, kafka, signal, List.of(collection), lease, "/platform-test", Duration.ofMillis(200), 100,
                    Clock.systemUTC(), meters);
            this.crashesLeft = new AtomicInteger(crashes);
        }

        @Override
        protected void removePublished(String collection, Map<Object, List<PendingEvent>> byAggregate) {
            if (crashesLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated crash after publishing, before removing");
            }
            super.removePublished(collection, byAggregate);
        }
    }

    private OutboxLease lease(String name, String owner) {
        return new OutboxLease(mongo, name, owner, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Test
    @DisplayName("relay dies after publishing, before removing: the event is published again, never lost, and the effect happens once")
    void crashBetweenPublishAndRemove() {
        String collection = "tickets_crash";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        CrashingRelay relay = new CrashingRelay(mongo, kafka, signal, collection, lease("crash-test", "a"), 1,
                new SimpleMeterRegistry());
        String id = UUID.randomUUID().toString();
        relay.start();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            store.insert(Ticket.open(id, "JS-SZ-01", "crash"));
            List<ConsumerRecord<String, byte[]>> published = probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(20));
            assertThat(published).hasSize(2);
            assertThat(published).extracting(r -> TopicProbe.header(r, "ce_id")).containsOnly(TopicProbe.header(published.get(0), "ce_id"));
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount(collection, id) == 0);
        } finally {
            relay.stop();
        }
        // the consumer of this topic (TicketEffects) saw the event twice and applied it once
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findById("welcome:" + id, Document.class, "ticket_welcomes") != null);
        Document counter = await().atMost(Duration.ofSeconds(15))
                .until(() -> mongo.findById("JS-SZ-01", Document.class, "ticket_counters"), c -> c != null);
        assertThat(counter.getInteger("opened")).isEqualTo(1);
    }

    @Test
    @DisplayName("two relay instances never both publish: one holds the lease, the other takes over when it stops")
    void onlyTheLeaseHolderPublishes() {
        String collection = "tickets_dual";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        CrashingRelay a = new CrashingRelay(mongo, kafka, signal, collection, lease("dual-test", "a"), 0, metersA);
        CrashingRelay b = new CrashingRelay(mongo, kafka, new OutboxSignal(), collection, lease("dual-test", "b"), 0, metersB);
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> batch + "-" + i).toList();
        a.start();
        b.start();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            ids.forEach(id -> store.insert(Ticket.open(id, "JS-WX-01", "dual")));
            List<ConsumerRecord<String, byte[]>> published = probe.await(r -> r.key().startsWith(batch), 40, Duration.ofSeconds(20));
            assertThat(probe.settle(r -> r.key().startsWith(batch), Duration.ofSeconds(1))).hasSize(40);
            assertThat(published.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(Set.copyOf(ids));
            await().atMost(Duration.ofSeconds(10)).until(() -> metersA.get("dealer.outbox.published").counter().count()
                    + metersB.get("dealer.outbox.published").counter().count() == 40);
            double byA = metersA.get("dealer.outbox.published").counter().count();
            double byB = metersB.get("dealer.outbox.published").counter().count();
            assertThat(byA + byB).isEqualTo(40);
            assertThat(byA == 0 || byB == 0).as("only one instance published (a=%s, b=%s)", byA, byB).isTrue();

            CrashingRelay owner = byA > 0 ? a : b;
            CrashingRelay other = owner == a ? b : a;
            SimpleMeterRegistry otherMeters = other == a ? metersA : metersB;
            owner.stop();
            String late = batch + "-late";
            store.insert(Ticket.open(late, "JS-WX-01", "after failover"));
            assertThat(probe.await(r -> late.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
            // the counter moves after the removal, a moment after the record is visible on the topic
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> otherMeters.get("dealer.outbox.published").counter().count() == 1);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    @DisplayName("a broker that cannot be reached delays publishing; the events stay in the document until it can")
    void unreachableBrokerLosesNothing() {
        String collection = "tickets_outage";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        String id = UUID.randomUUID().toString();
        OutboxLease lease = lease("outage-test", "a");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaTemplate<String, byte[]> nowhere = new KafkaTemplate<>(new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(Map.of(
                "bootstrap.servers", "127.0.0.1:1", "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class,
                "max.block.ms", 300, "delivery.timeout.ms", 600, "request.timeout.ms", 300)));
        CrashingRelay down = new CrashingRelay(mongo, nowhere, signal, collection, lease, 0, meters);
        down.start();
        try {
            store.insert(Ticket.open(id, "JS-NJ-01", "outage"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pendingCount(collection, id) == 1);
            assertThat(meters.get("dealer.outbox.oldest.pending").gauge().value()).isGreaterThan(0);
        } finally {
            down.stop();
        }
        CrashingRelay up = new CrashingRelay(mongo, kafka, new OutboxSignal(), collection, lease("outage-test", "b"), 0,
                new SimpleMeterRegistry());
        up.start();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            assertThat(probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount(collection, id) == 0);
        } finally {
            up.stop();
        }
    }

    @Test
    @DisplayName("REL-3: a malformed pending entry is put aside in outbox_quarantine and the relay keeps publishing the rest")
    void malformedEntryIsQuarantined() {
        String collection = "tickets_malformed";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String poisoned = batch + "-poisoned";
        String broken = batch + "-broken";
        List<String> healthy = IntStream.range(0, 5).mapToObj(i -> batch + "-" + i).toList();
        store.insert(Ticket.open(poisoned, "JS-QA-01", "poisoned"));
        healthy.forEach(id -> store.insert(Ticket.open(id, "JS-QA-01", "healthy")));
        store.insert(Ticket.open(broken, "JS-QA-01", "broken"));
        // an entry without a time and with a number for a type, next to the poisoned ticket's valid event
        mongo.updateFirst(Query.query(Criteria.where("_id").is(poisoned)), new org.springframework.data.mongodb.core.query.Update()
                .push("pendingEvents", new Document("id", "bad-" + batch).append("type", 42).append("topic", TicketStore.TOPIC)), collection);
        // a pendingEvents field that is not even an array
        mongo.updateFirst(Query.query(Criteria.where("_id").is(broken)), new org.springframework.data.mongodb.core.query.Update()
                .set("pendingEvents", "garbage"), collection);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CrashingRelay relay = new CrashingRelay(mongo, kafka, signal, collection, lease("malformed-test", "a"), 0, meters);
        relay.start();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            List<String> expected = new java.util.ArrayList<>(healthy);
            expected.add(poisoned);
            List<ConsumerRecord<String, byte[]>> published = probe.await(r -> r.key().startsWith(batch), 6, Duration.ofSeconds(20));
            assertThat(published.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(Set.copyOf(expected));
            await().atMost(Duration.ofSeconds(10)).until(() -> expected.stream().allMatch(id -> pendingCount(collection, id) == 0)
                    && mongo.findById(broken, Document.class, collection).get("pendingEvents") == null);
        } finally {
            relay.stop();
        }
        Document bad = mongo.findById(collection + ":" + poisoned + ":bad-" + batch, Document.class, OutboxRelay.QUARANTINE);
        assertThat(bad).as("the malformed entry is kept aside, with why").isNotNull();
        assertThat(bad.get("entry", Document.class).get("type")).isEqualTo(42);
        assertThat(bad.getString("error")).isNotBlank();
        assertThat(mongo.find(Query.query(Criteria.where("aggregateId").is(broken)), Document.class, OutboxRelay.QUARANTINE)).hasSize(1);
        assertThat(meters.get("dealer.outbox.quarantined").counter().count()).isEqualTo(2);
    }

    @Test
    @DisplayName("REL-3: the oldest-pending gauge rises whenever the relay fails, not only on Kafka failures, and falls back to 0 on a clean poll")
    void gaugeReflectsEveryFailure() {
        String collection = "tickets_gauge";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Kafka acknowledges every send; the removal fails (as when the database is away) until told otherwise
        CrashingRelay relay = new CrashingRelay(mongo, kafka, signal, collection, lease("gauge-test", "a"), 1_000_000, meters);
        String id = UUID.randomUUID().toString();
        relay.start();
        try {
            store.insert(Ticket.open(id, "JS-NJ-01", "gauge"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> meters.get("dealer.outbox.oldest.pending").gauge().value() > 1.0);
            relay.crashesLeft.set(0);
            await().atMost(Duration.ofSeconds(15)).until(() -> pendingCount(collection, id) == 0
                    && meters.get("dealer.outbox.oldest.pending").gauge().value() == 0);
        } finally {
            relay.stop();
        }
    }

    /** A broker that takes every record and never answers. */
    static class SilentKafka extends KafkaTemplate<String, byte[]> {
        final AtomicInteger sends = new AtomicInteger();

        SilentKafka() {
            super(new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "127.0.0.1:1")));
        }

        @Override
        public java.util.concurrent.CompletableFuture<org.springframework.kafka.support.SendResult<String, byte[]>> send(
                org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
            sends.incrementAndGet();
            return new java.util.concurrent.CompletableFuture<>();
        }

        @Override
        public void flush() {
        }
    }

    @Test
    @DisplayName("REL-3: a publish never outlives the lease: it is renewed while Kafka is awaited, and the relay stops at once when another takes it")
    void publishNeverOutlivesTheLease() throws Exception {
        String collection = "tickets_silent";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        SilentKafka silent = new SilentKafka();
        OutboxLease lease = lease("silent-test", "a");
        OutboxRelay relay = new OutboxRelay(mongo, silent, signal, List.of(collection), lease, "/platform-test",
                Duration.ofMillis(200), 100, Clock.systemUTC(), new SimpleMeterRegistry());
        String id = UUID.randomUUID().toString();
        store.insert(Ticket.open(id, "JS-NJ-01", "silent"));
        assertThat(lease.hold()).isTrue();
        java.util.concurrent.CompletableFuture<Void> polling = java.util.concurrent.CompletableFuture.runAsync(relay::poll);
        // the 2 s lease outlives the wait only because the waiting relay renews it
        Thread.sleep(3_000);
        assertThat(polling).isNotDone();
        Document held = mongo.findById("silent-test", Document.class, "outbox_lease");
        assertThat(held.getString("owner")).isEqualTo("a");
        assertThat(held.getDate("until")).isAfter(new java.util.Date());
        // another instance takes the lease (an operator, or a relay that saw it lapse): the waiting relay stops
        mongo.updateFirst(Query.query(Criteria.where("_id").is("silent-test")), new org.springframework.data.mongodb.core.query.Update()
                .set("owner", "b").set("until", new java.util.Date(System.currentTimeMillis() + 60_000)), "outbox_lease");
        long taken = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> polling.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - taken)).isLessThan(Duration.ofMillis(1_500));
        assertThat(silent.sends.get()).isEqualTo(1);
        assertThat(pendingCount(collection, id)).isEqualTo(1);
    }

    @Test
    @DisplayName("REL-3: publishing is fenced by the lease owner: a relay whose lease was taken over does not send")
    void publishingIsFencedByTheLeaseOwner() {
        String collection = "tickets_fenced";
        OutboxSignal signal = new OutboxSignal();
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), collection);
        SilentKafka counting = new SilentKafka();
        OutboxLease lease = new OutboxLease(mongo, "fence-test", "a", Duration.ofSeconds(30), Clock.systemUTC());
        OutboxRelay relay = new OutboxRelay(mongo, counting, signal, List.of(collection), lease, "/platform-test",
                Duration.ofMillis(200), 100, Clock.systemUTC(), new SimpleMeterRegistry());
        assertThat(lease.hold()).isTrue();
        // another instance took the lease (this one was paused past its lease, say); a's cached lease still looks valid
        mongo.updateFirst(Query.query(Criteria.where("_id").is("fence-test")), new org.springframework.data.mongodb.core.query.Update()
                .set("owner", "b").set("until", new java.util.Date(System.currentTimeMillis() + 60_000)), "outbox_lease");
        assertThat(lease.stillValid()).isTrue();
        String id = UUID.randomUUID().toString();
        store.insert(Ticket.open(id, "JS-NJ-01", "fenced"));
        org.assertj.core.api.Assertions.assertThatThrownBy(relay::poll).isInstanceOf(IllegalStateException.class);
        assertThat(counting.sends.get()).as("nothing sent by a relay that lost its lease").isZero();
        assertThat(pendingCount(collection, id)).isEqualTo(1);
    }

    private int pendingCount(String collection, String id) {
        Document document = mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection);
        List<Document> pending = document == null ? null : document.getList("pendingEvents", Document.class);
        return pending == null ? 0 : pending.size();
    }
}
