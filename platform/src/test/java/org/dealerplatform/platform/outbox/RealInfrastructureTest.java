package org.dealerplatform.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single-document patterns against a real mongod (replica set) and the official Kafka image. Skipped cleanly where
 * no Docker engine exists (the build machines); the embedded default is covered by the other tests.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealInfrastructureTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    static MongoClient client;
    static MongoTemplate mongo;
    static KafkaTemplate<String, byte[]> kafka;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MONGO.getReplicaSetUrl("dealer"));
        mongo = new MongoTemplate(client, "dealer");
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @DisplayName("on real MongoDB and Kafka: commit with events, publish, remove; stale saves refused; lease exclusive")
    void outboxOnRealInfrastructure() {
        OutboxSignal signal = new OutboxSignal();
        EventFactory events = new EventFactory(JsonMapper.builder().build(), "dealer.test", Clock.systemUTC());
        TicketStore store = new TicketStore(new OutboxSupport(mongo, events, signal), "tickets");
        OutboxRelay relay = new OutboxRelay(mongo, kafka, signal, List.of("tickets"),
                new OutboxLease(mongo, "relay", "a", Duration.ofSeconds(5), Clock.systemUTC()), "/platform-test",
                Duration.ofSeconds(1), 100, Clock.systemUTC(), new SimpleMeterRegistry());
        relay.start();
        String id = UUID.randomUUID().toString();
        try (TopicProbe probe = new TopicProbe(KAFKA.getBootstrapServers(), TicketStore.TOPIC)) {
            store.insert(Ticket.open(id, "JS-NJ-01", "real"));
            Ticket first = store.findById(id).orElseThrow();
            Ticket stale = store.findById(id).orElseThrow();
            first.rename("renamed");
            store.update(first);
            stale.rename("lost");
            assertThatThrownBy(() -> store.update(stale)).isInstanceOf(ConcurrentModificationException.class);
            assertThat(probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(30))).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    mongo.findById(id, Document.class, "tickets").getList("pendingEvents", Document.class).isEmpty());
        } finally {
            relay.stop();
        }
        OutboxLease a = new OutboxLease(mongo, "exclusive", "a", Duration.ofSeconds(30), Clock.systemUTC());
        OutboxLease b = new OutboxLease(mongo, "exclusive", "b", Duration.ofSeconds(30), Clock.systemUTC());
        assertThat(a.hold()).isTrue();
        assertThat(b.hold()).isFalse();

        IdempotentWrites writes = new IdempotentWrites(mongo);
        assertThat(writes.applyIfNewer("rollups", "r1", "offsets.p0", 5, new Update().inc("n", 1))).isTrue();
        assertThat(writes.applyIfNewer("rollups", "r1", "offsets.p0", 5, new Update().inc("n", 1))).isFalse();
        assertThat(writes.applyOnce("guarded", "g1", "e1", new Update().inc("n", 1))).isTrue();
        assertThat(writes.applyOnce("guarded", "g1", "e1", new Update().inc("n", 1))).isFalse();
    }
}
