package org.dealerplatform.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads CloudEvents (Kafka binary mode) into {@link IncomingEvent}s and their payloads into consumer records. */
public class EventReader {

    private final JsonMapper json;

    public EventReader(JsonMapper json) {
        this.json = json;
    }

    public IncomingEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not a CloudEvent: " + e.getMessage(), e);
        }
        if (event.getData() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no data", null);
        }
        OffsetDateTime time = event.getTime();
        URI source = event.getSource();
        return new IncomingEvent(
                event.getId(),
                event.getType(),
                source == null ? null : source.toString(),
                event.getSubject(),
                time == null ? null : time.toInstant(),
                parseLong(event.getExtension(CloudEventAttributes.AGGREGATE_VERSION)),
                text(event.getExtension(CloudEventAttributes.CORRELATION_ID)),
                text(event.getExtension(CloudEventAttributes.CAUSATION_ID)),
                text(event.getExtension(CloudEventAttributes.BRANCH_ID)),
                traceparent(record, event),
                event.getData().toBytes(),
                record.topic(),
                record.partition(),
                record.offset());
    }

    /** The payload read into the consumer's own record type; an unreadable payload is a poison message. */
    public <T> T data(IncomingEvent event, Class<T> type) {
        try {
            return json.readValue(event.data(), type);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type()
                    + " has a payload that cannot be read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** OBS-1: the record's {@code traceparent} header (the producer span's), else the event's ce_traceparent. */
    private static String traceparent(ConsumerRecord<String, byte[]> record, CloudEvent event) {
        Header header = record.headers().lastHeader(CloudEventAttributes.TRACEPARENT);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        return text(event.getExtension(CloudEventAttributes.TRACEPARENT));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static long parseLong(Object value) {
        if (value == null) {
            return 0L;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new MalformedEventException("aggregateversion is not a number: " + value, e);
        }
    }
}
