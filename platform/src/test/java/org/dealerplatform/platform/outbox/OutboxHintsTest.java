package org.dealerplatform.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.MongoCommands;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's poll reads the small {@code outbox_hints} collection and the hinted aggregates by {@code _id}, never an
 * aggregate collection as a whole, so its cost does not grow with the business. Every command the relay and the store
 * send is recorded by a driver command listener; the relay here is not started, each poll is called by the test.
 */
@ServiceTest
class OutboxHintsTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventFactory events;
    @Value("${spring.mongodb.uri}")
    String uri;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    MongoCommands commands;
    MongoTemplate watched;

    @BeforeEach
    void watchCommands() {
        commands = MongoCommands.watch(uri);
        watched = commands.template();
    }

    @AfterEach
    void close() {
        commands.close();
    }

    private OutboxRelay relay(String collection, String leaseName) {
        OutboxLease lease = new OutboxLease(watched, leaseName, "a", Duration.ofSeconds(30), Clock.systemUTC());
        assertThat(lease.hold()).isTrue();
        return new OutboxRelay(watched, kafka, new OutboxSignal(), List.of(collection), lease, "/platform-test",
                Duration.ofMillis(500), 100, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Test
    @DisplayName("with 20,000 stored aggregates and none pending, the poll sends no command to their collection; a commit is found through its hint and read by _id alone")
    void pollDoesNotReadAggregatesWithoutHints() {
        String collection = "tickets_volume";
        TicketStore store = new TicketStore(new OutboxSupport(watched, events, new OutboxSignal()), collection);
        List<Document> quiet = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            quiet.add(new Document("_id", "quiet-" + i).append("branchId", "JS-NJ-01").append("title", "t" + i)
                    .append("version", 1L).append("pendingEvents", List.of()));
        }
        mongo.insert(quiet, collection);
        OutboxRelay relay = relay(collection, "volume-test");

        commands.clear();
        for (int i = 0; i < 3; i++) {
            assertThat(relay.poll()).isFalse();
        }
        assertThat(commands.to(collection)).isEmpty();
        assertThat(commands.to(OutboxHints.COLLECTION)).hasSize(3);

        String id = UUID.randomUUID().toString();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            store.insert(Ticket.open(id, "JS-NJ-01", "the one pending"));
            commands.clear();
            relay.poll();
            assertThat(probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(15))).hasSize(1);
        }
        List<MongoCommands.Sent> reads = commands.to(collection).stream().filter(s -> s.name().equals("find")).toList();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).filterKeys()).containsExactly("_id");
        assertThat(mongo.findById(id, Document.class, collection).getList("pendingEvents", Document.class)).isEmpty();
        assertThat(mongo.findById(OutboxHints.id(collection, id), Document.class, OutboxHints.COLLECTION)).isNull();
    }

    @Test
    @DisplayName("a hint announced for a version not committed yet survives the poll; a hint whose aggregate has nothing pending is deleted")
    void hintsAreSettledOnlyWhenTheirVersionIsPublished() {
        String collection = "tickets_settle";
        TicketStore store = new TicketStore(new OutboxSupport(watched, events, new OutboxSignal()), collection);
        OutboxRelay relay = relay(collection, "settle-test");
        OutboxHints hints = new OutboxHints(mongo);
        String id = UUID.randomUUID().toString();
        store.insert(Ticket.open(id, "JS-NJ-01", "v1"));
        relay.poll();
        assertThat(hint(collection, id)).isNull();

        // a writer announced version 2 and has not committed it yet (or is about to)
        hints.announce(collection, id, 2);
        relay.poll();
        assertThat(hint(collection, id)).isNotNull();

        Ticket loaded = store.findById(id).orElseThrow();
        loaded.rename("v2");
        store.update(loaded);
        relay.poll();
        assertThat(hint(collection, id)).isNull();
        assertThat(mongo.findById(id, Document.class, collection).getList("pendingEvents", Document.class)).isEmpty();

        // a stale hint (its events were published and pulled, e.g. before a crash) is simply deleted
        hints.announce(collection, id, 1);
        relay.poll();
        assertThat(hint(collection, id)).isNull();

        // an insert announced but not (yet) committed keeps its hint for a grace period
        String missing = UUID.randomUUID().toString();
        hints.announce(collection, missing, 1);
        relay.poll();
        assertThat(hint(collection, missing)).isNotNull();
    }

    private Document hint(String collection, String id) {
        return mongo.findById(OutboxHints.id(collection, id), Document.class, OutboxHints.COLLECTION);
    }
}
