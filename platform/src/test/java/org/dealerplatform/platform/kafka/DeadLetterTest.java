package org.dealerplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class DeadLetterTest {

    static final String DLT = "test.ticket.events.platform-test.dlt";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    TicketStore tickets;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("a poison record goes to the group's dead-letter topic with its reason, and the partition moves on")
    void poisonGoesToDeadLetterTopic() throws Exception {
        String id = UUID.randomUUID().toString();
        // same key, so the same partition: the good event behind the poison must still be processed
        kafka.send(new ProducerRecord<>(TicketStore.TOPIC, id, "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "behind the poison"));

        try (TopicProbe dlt = new TopicProbe(brokers, DLT)) {
            List<ConsumerRecord<String, byte[]>> dead = dlt.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.value(dead.get(0))).isEqualTo("not a cloud event");
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-exception-fqcn")).contains("MalformedEventException");
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(TicketStore.TOPIC);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById("welcome:" + id, Document.class, "ticket_welcomes") != null);
    }

    @Test
    @DisplayName("a payload the consumer cannot read is a dead letter too, sent without pointless retries")
    void unreadablePayloadIsDeadLetter() throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TicketStore.TOPIC, id, "{\"title\": [".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes()).add("ce_id", UUID.randomUUID().toString().getBytes())
                .add("ce_type", "dealer.test.TicketOpened.v1".getBytes()).add("ce_source", "/elsewhere".getBytes())
                .add("content-type", "application/json".getBytes());
        kafka.send(record).get();
        try (TopicProbe dlt = new TopicProbe(brokers, DLT)) {
            List<ConsumerRecord<String, byte[]>> dead = dlt.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-exception-message")).contains("cannot be read");
        }
    }

    @Test
    @DisplayName("dead letters can be listed, read and replayed by HQ through the admin API; other roles are refused; issue 12 limit and topic out of their documented bounds are 400")
    void listAndReplay() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(new ProducerRecord<>(TicketStore.TOPIC, id, "poison to replay".getBytes(StandardCharsets.UTF_8))).get();
        try (TopicProbe dlt = new TopicProbe(brokers, DLT)) {
            assertThat(dlt.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
        }
        String hq = "Bearer " + DevTokens.hq();
        mvc.perform(get("/admin/dead-letters").header("Authorization", DevTokens.bearer("s", "JS-NJ-01", "SALES")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/dead-letters").header("Authorization", hq))
                .andExpect(status().isOk()).andExpect(jsonPath("$['" + DLT + "']").isNumber());
        mvc.perform(get("/admin/dead-letters/" + DLT).header("Authorization", hq))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.key == '" + id + "')].reason").isNotEmpty());
        mvc.perform(get("/admin/dead-letters/not-ours.dlt").header("Authorization", hq))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.status").value(404));
        // issue 12: the bounds the OpenAPI document gives limit (1 to 500) and topic (Kafka's topic names) hold
        mvc.perform(get("/admin/dead-letters/" + DLT + "?limit=501").header("Authorization", hq))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/admin/dead-letters/" + DLT + "?limit=500").header("Authorization", hq))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/dead-letters/bad*topic").header("Authorization", hq))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("topic"));

        try (TopicProbe original = new TopicProbe(brokers, TicketStore.TOPIC)) {
            mvc.perform(post("/admin/dead-letters/" + DLT + "/replay").header("Authorization", hq))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.replayed").isNumber());
            List<ConsumerRecord<String, byte[]>> replayed = original.await(
                    r -> id.equals(r.key()) && TopicProbe.header(r, "dealer_replayed_from") != null, 1, Duration.ofSeconds(20));
            assertThat(replayed).hasSize(1);
            assertThat(TopicProbe.value(replayed.get(0))).isEqualTo("poison to replay");
        }
    }
    @Test
    @DisplayName("REL-7 a dead-letter replay with the same Idempotency-Key twice replays once and answers alike; the key on another topic answers 422")
    void replayWithTheSameKeyTwiceReplaysOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(new ProducerRecord<>(TicketStore.TOPIC, id, "poison replayed once".getBytes(StandardCharsets.UTF_8))).get();
        String hq = "Bearer " + DevTokens.hq();
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlt = new TopicProbe(brokers, DLT); TopicProbe original = new TopicProbe(brokers, TicketStore.TOPIC)) {
            assertThat(dlt.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
            String first = mvc.perform(post("/admin/dead-letters/" + DLT + "/replay").header("Authorization", hq)
                            .header("Idempotency-Key", key))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.topic").value(DLT))
                    .andReturn().getResponse().getContentAsString();
            assertThat(original.await(r -> id.equals(r.key()) && TopicProbe.header(r, "dealer_replayed_from") != null, 1,
                    Duration.ofSeconds(20))).hasSize(1);
            // the replayed poison is a dead letter again: a second replay that ran would send it once more
            assertThat(dlt.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(20))).hasSize(2);
            String second = mvc.perform(post("/admin/dead-letters/" + DLT + "/replay").header("Authorization", hq)
                            .header("Idempotency-Key", key))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(second).isEqualTo(first);
            assertThat(original.settle(r -> id.equals(r.key()) && TopicProbe.header(r, "dealer_replayed_from") != null,
                    Duration.ofSeconds(3))).hasSize(1);
            mvc.perform(post("/admin/dead-letters/test.other.platform-test.dlt/replay").header("Authorization", hq)
                            .header("Idempotency-Key", key))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        }
    }
}
