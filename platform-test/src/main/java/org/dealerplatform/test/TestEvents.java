package org.dealerplatform.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dealerplatform.contracts.EventContracts;

/**
 * Publishes events as another service would (CloudEvents binary mode), so a consumer is tested against the contract
 * example of an event without the producing service running.
 */
public final class TestEvents {

    private TestEvents() {
    }

    /** Publishes {@code payload} as an event of {@code type}; returns its event id. */
    public static String publish(String brokers, String topic, String type, String subject, long aggregateVersion,
            String branchId, String payload) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = record(id, topic, type, subject, aggregateVersion, branchId, payload);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish test event", e);
        }
        return id;
    }

    /**
     * {@code payload} as a record of an event of {@code type} with a new event id, for a test that sends many with a
     * producer of its own.
     */
    public static ProducerRecord<String, byte[]> record(String topic, String type, String subject, long aggregateVersion,
            String branchId, String payload) {
        return record(UUID.randomUUID().toString(), topic, type, subject, aggregateVersion, branchId, payload);
    }

    /** {@code payload} as a record of the event {@code id} of {@code type}, with the CloudEvents headers a service sends. */
    public static ProducerRecord<String, byte[]> record(String id, String topic, String type, String subject,
            long aggregateVersion, String branchId, String payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, subject, payload.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/test");
        header(record, "ce_subject", subject);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_aggregateversion", String.valueOf(aggregateVersion));
        header(record, "ce_correlationid", "test-" + id);
        if (branchId != null) {
            header(record, "ce_branchid", branchId);
        }
        header(record, "content-type", "application/json");
        return record;
    }

    /** Publishes the contract example of {@code type}, with {@code replacements} applied to its text (old → new). */
    public static String publishExample(String brokers, String topic, String type, String subject, long aggregateVersion,
            String branchId, Map<String, String> replacements) {
        String payload = EventContracts.example(type);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            payload = payload.replace(replacement.getKey(), replacement.getValue());
        }
        return publish(brokers, topic, type, subject, aggregateVersion, branchId, payload);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
