package org.dealerplatform.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Our CloudEvents extension attributes (lower-case, as the spec requires) and the mapping of a committed event to a
 * Kafka record in binary mode: attributes in {@code ce_*} headers, the JSON payload as the value, key = aggregate id.
 */
public final class CloudEventAttributes {

    public static final String AGGREGATE_VERSION = "aggregateversion";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String BRANCH_ID = "branchid";
    public static final String TRACEPARENT = "traceparent";

    private CloudEventAttributes() {
    }

    public static CloudEvent toCloudEvent(PendingEvent event, String source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type())
                .withSource(URI.create(source))
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withExtension(AGGREGATE_VERSION, String.valueOf(event.aggregateVersion()))
                .withData("application/json", event.data().getBytes(StandardCharsets.UTF_8));
        if (event.correlationId() != null) {
            builder.withExtension(CORRELATION_ID, event.correlationId());
        }
        if (event.causationId() != null) {
            builder.withExtension(CAUSATION_ID, event.causationId());
        }
        if (event.branchId() != null) {
            builder.withExtension(BRANCH_ID, event.branchId());
        }
        if (event.traceparent() != null) {
            builder.withExtension(TRACEPARENT, event.traceparent());
        }
        return builder.build();
    }

    /** The Kafka record for a committed event; W3C {@code traceparent} also travels as a plain header. */
    public static ProducerRecord<String, byte[]> toRecord(PendingEvent event, String source) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory
                .<String>createWriter(event.topic(), null, null, event.subject())
                .writeBinary(toCloudEvent(event, source));
        if (event.traceparent() != null) {
            record.headers().add(TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
