package org.dealerplatform.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.testapp.RecordedSpans;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * OBS-1: one trace from the caller's request through the outbox relay and Kafka to a consumer (the platform's test
 * service with its own listener, on the shared embedded broker and database).
 */
@ServiceTest
class EventTracingTest {

    private static final String ALICE = DevTokens.bearer("alice", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordedSpans spans;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("OBS-1 a consumer's span has the producer's trace id: request → stored traceparent → relay publish → Kafka send → consumer record span, each the child of the one before")
    void consumerSpanContinuesTheProducersTrace() throws Exception {
        String caller = EventContext.newTraceparent();
        String traceId = caller.substring(3, 35);
        String callerSpanId = caller.substring(36, 52);
        String id = UUID.randomUUID().toString();

        ConsumerRecord<String, byte[]> published;
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            mvc.perform(post("/tickets").header("Authorization", ALICE).header("traceparent", caller)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"branchId\":\"JS-NJ-01\",\"title\":\"traced\",\"id\":\"" + id + "\"}"))
                    .andExpect(status().isCreated());
            published = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(15)).get(0);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById("welcome:" + id, Document.class, "ticket_welcomes") != null);

        // the consumer's record span: same trace as the caller's request
        SpanData consumer = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getName().startsWith("ticket-effects "))
                .findFirst().orElse(null), s -> s != null);
        List<SpanData> trace = spans.ofTrace(traceId);
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));

        // its parent is the Kafka producer observation's span, whose context the record carries in its traceparent
        SpanData send = byId.get(consumer.getParentSpanId());
        assertThat(send).as("parent of %s in %s", consumer.getName(), trace).isNotNull();
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(TopicProbe.header(published, "traceparent")).isEqualTo("00-" + traceId + "-" + send.getSpanId() + "-01");
        assertThat(TopicProbe.header(published, "ce_traceparent")).startsWith("00-" + traceId + "-");

        // the send runs in the relay's publish span, child of the traceparent stored with the pending event (the span
        // current when the controller recorded it, inside the request's server span, itself the caller's child)
        SpanData relay = byId.get(send.getParentSpanId());
        assertThat(relay).as("parent of %s in %s", send.getName(), trace).isNotNull();
        assertThat(relay.getName()).startsWith("outbox publish");
        assertThat(TopicProbe.header(published, "ce_traceparent"))
                .isEqualTo("00-" + traceId + "-" + relay.getParentSpanId() + "-01");
        SpanData server = byId.get(relay.getParentSpanId());
        while (server != null && server.getKind() != SpanKind.SERVER) {
            server = byId.get(server.getParentSpanId());
        }
        assertThat(server).as("the server span above %s in %s", relay.getName(), trace).isNotNull();
        assertThat(server.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(consumer.getAttributes().asMap().toString()).contains(published.topic());
    }
}
