package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketEffects;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The typed dispatcher in a batch listener, with its error classes (REL-1) and branch check (INT-2). */
@ServiceTest
class EventDispatchTest {

    static final String DLT = "test.ticket.events.platform-test.dlt";

    @Autowired
    TicketStore tickets;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("REL-1 a transient failure is retried past the retries of an unknown failure, until it passes, and never reaches the dead letters")
    void transientFailureIsRetriedUntilItPasses() {
        String id = UUID.randomUUID().toString();
        try (TopicProbe dlt = new TopicProbe(brokers, DLT)) {
            // ten failures: more than the four retries after which an unknown failure is dead-lettered
            tickets.insert(Ticket.open(id, "JS-NJ-01", "transient:10"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> mongo.findById("welcome:" + id, Document.class, "ticket_welcomes") != null);
            assertThat(TicketEffects.ATTEMPTS.get(id).get()).isEqualTo(11);
            assertThat(dlt.settle(r -> id.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
        }
        assertThat(meters.find("dealer.events.failures").tag("kind", "transient").counter()).isNotNull();
    }

    @Test
    @DisplayName("INT-2 an effect on another branch's record is a permanent error: dead-lettered at once with its reason and counted")
    void foreignBranchEffectIsDeadLettered() {
        String id = UUID.randomUUID().toString();
        try (TopicProbe dlt = new TopicProbe(brokers, DLT)) {
            tickets.insert(Ticket.open(id, "JS-NJ-01", "foreign"));

            List<ConsumerRecord<String, byte[]>> dead = dlt.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-exception-message")).contains("of branch ZJ-HZ-01");
        }
        assertThat(mongo.findById("welcome:" + id, Document.class, "ticket_welcomes")).isNull();
        assertThat(meters.find("dealer.dead.letters").tag("reason", "foreign-branch").counter().count()).isGreaterThanOrEqualTo(1);
    }
}
