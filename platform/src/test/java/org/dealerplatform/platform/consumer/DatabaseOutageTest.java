package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.dealerplatform.platform.events.CloudEventAttributes;
import org.dealerplatform.platform.events.PendingEvent;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.MongoOutage;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * REL-1 with a real database stop: the embedded MongoDB-wire server stops for 10 s (its socket and connections closed)
 * while events keep arriving for a consumer. The consumer's writes fail as the driver fails (socket closed, no server to
 * select), each failure is transient, the partition waits; nothing goes to the dead-letter topic, and when the database
 * returns every event is applied exactly once, with no person involved.
 */
@ServiceTest
class DatabaseOutageTest {

    static final String DLT = "test.ticket.events.platform-test.dlt";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TransientFailures consumers;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("REL-1: a 10 s database stop while events flow: none dead-lettered, health and gauge show it, all applied once after")
    void databaseStopIsWaitedOut() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String branch = "JS-OUT-" + run;
        try (TopicProbe deadLetters = new TopicProbe(brokers, DLT)) {
            publish(run, branch, 0, 20);
            await().atMost(Duration.ofSeconds(20)).until(() -> opened(branch) == 20);

            try (MongoOutage outage = MongoOutage.begin()) {
                publish(run, branch, 20, 90);
                // the consumer's writes fail, transiently: the health detail and the gauge say so, the status stays UP
                await().atMost(Duration.ofSeconds(9)).until(() -> !consumers.failing().isEmpty());
                Health health = consumers.health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("transientlyFailing", true).containsKey("topics");
                assertThat(meters.get("dealer.consumer.transient.failing").gauge().value()).isGreaterThanOrEqualTo(1);
                // a duplicate delivery of an event already applied, still during the outage (within the counter's window
                // of remembered event ids, IdempotentWrites.APPLIED_EVENTS_KEPT)
                publish(run, branch, 0, 1);
                Thread.sleep(Math.max(0, Duration.ofSeconds(10).minus(outage.elapsed()).toMillis()));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> opened(branch) >= 90);
            assertThat(mongo.count(Query.query(Criteria.where("branchId").is(branch)), "ticket_welcomes")).isEqualTo(90);
            await().atMost(Duration.ofSeconds(10)).until(() -> consumers.failing().isEmpty());
            assertThat(consumers.health(true).getDetails()).containsEntry("transientlyFailing", false);
            assertThat(meters.get("dealer.consumer.transient.failing").gauge().value()).isZero();
            assertThat(deadLetters.settle(r -> r.key() != null && r.key().startsWith(run), Duration.ofSeconds(2)))
                    .as("nothing dead-lettered by a database outage").isEmpty();
        }
        assertThat(opened(branch)).isEqualTo(90);
    }

    /** Tickets {@code from..to-1} of this run opened, published straight to the topic (the outbox needs the database). */
    private void publish(String run, String branch, int from, int to) throws Exception {
        List<java.util.concurrent.CompletableFuture<?>> sends = IntStream.range(from, to).<java.util.concurrent.CompletableFuture<?>>mapToObj(i -> {
            String ticket = run + "-" + i;
            PendingEvent event = new PendingEvent("evt-" + ticket, "dealer.test.TicketOpened.v1", TicketStore.TOPIC, ticket,
                    Instant.now(), 1, "outage-" + run, null, branch, null,
                    "{\"ticketId\":\"" + ticket + "\",\"branchId\":\"" + branch + "\",\"title\":\"outage\"}");
            return kafka.send(CloudEventAttributes.toRecord(event, "/platform-test"));
        }).toList();
        kafka.flush();
        for (java.util.concurrent.CompletableFuture<?> send : sends) {
            send.get();
        }
    }

    private int opened(String branch) {
        try {
            Document counter = mongo.findById(branch, Document.class, "ticket_counters");
            return counter == null ? 0 : counter.getInteger("opened", 0);
        } catch (RuntimeException away) {
            return -1;
        }
    }
}
