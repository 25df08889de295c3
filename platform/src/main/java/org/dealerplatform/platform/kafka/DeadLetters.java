package org.dealerplatform.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead letters of this service's consumer group: list them, read them, and replay them to the topic they came from
 * once the cause is fixed. Replay remembers how far it got (consumer group {@code <group>.dlt-replay}), so a record is
 * replayed once; consumers are idempotent anyway.
 */
public class DeadLetters {

    private final Map<String, Object> consumerConfig;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String group;
    private final List<String> consumedTopics;

    public DeadLetters(Map<String, Object> consumerConfig, KafkaTemplate<String, byte[]> kafka, String group,
            List<String> consumedTopics) {
        this.consumerConfig = consumerConfig;
        this.kafka = kafka;
        this.group = group;
        this.consumedTopics = consumedTopics;
    }

    /** The dead-letter topic of {@code topic} for consumer group {@code group}. */
    public static String topicFor(String topic, String group) {
        return topic + "." + group + ".dlt";
    }

    public List<String> topics() {
        return consumedTopics.stream().map(t -> topicFor(t, group)).toList();
    }

    /** Records waiting in each dead-letter topic of this service (end offset minus start offset, over all partitions). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
            for (String topic : topics()) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                long total = 0;
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                for (TopicPartition p : partitions) {
                    total += end.get(p) - begin.get(p);
                }
                counts.put(topic, total);
            }
        }
        return counts;
    }

    /** Up to {@code limit} dead letters of one topic, oldest first, with the reason they failed. */
    public List<DeadLetter> read(String deadLetterTopic, int limit) {
        requireOwn(deadLetterTopic);
        try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return drain(consumer, partitions, limit).stream().map(DeadLetters::describe).toList();
        }
    }

    /** Sends every dead letter not replayed before back to its original topic; returns how many were sent. */
    public int replay(String deadLetterTopic) {
        requireOwn(deadLetterTopic);
        try (KafkaConsumer<String, byte[]> consumer = consumer(group + ".dlt-replay")) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition p : partitions) {
                if (committed.get(p) == null) {
                    consumer.seekToBeginning(List.of(p));
                }
            }
            List<ConsumerRecord<String, byte[]>> records = drain(consumer, partitions, Integer.MAX_VALUE);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String original = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
                if (original == null) {
                    original = deadLetterTopic.substring(0, deadLetterTopic.length() - ("." + group + ".dlt").length());
                }
                ProducerRecord<String, byte[]> again = new ProducerRecord<>(original, record.key(), record.value());
                for (Header header : record.headers()) {
                    if (!header.key().startsWith("kafka_dlt")) {
                        again.headers().add(header);
                    }
                }
                again.headers().add("dealer_replayed_from", deadLetterTopic.getBytes(StandardCharsets.UTF_8));
                kafka.send(again).get(30, TimeUnit.SECONDS);
                done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
            return records.size();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("replay of " + deadLetterTopic + " failed: " + e.getMessage(), e);
        }
    }

    private void requireOwn(String deadLetterTopic) {
        if (!topics().contains(deadLetterTopic)) {
            throw new UnknownDeadLetterTopicException(deadLetterTopic, topics());
        }
    }

    private static List<ConsumerRecord<String, byte[]>> drain(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, int limit) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (records.size() < limit && System.nanoTime() < deadline && !reachedEnd(consumer, partitions, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (records.size() < limit) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer(String groupId) {
        Properties properties = new Properties();
        properties.putAll(consumerConfig);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (groupId == null) {
            properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        } else {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(properties);
    }

    private static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                Instant.ofEpochMilli(record.timestamp()),
                header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                header(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                header(record, "ce_type"),
                header(record, "ce_id"),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return null;
        }
        return java.nio.ByteBuffer.wrap(header.value()).getLong();
    }

    /** One dead letter as staff see it. */
    public record DeadLetter(String topic, int partition, long offset, String key, Instant failedAt,
            String originalTopic, Long originalOffset, String exception, String reason, String eventType,
            String eventId, String payload) {
    }

    /** A dead-letter topic that is not one of this service's. */
    public static class UnknownDeadLetterTopicException extends RuntimeException {
        public UnknownDeadLetterTopicException(String topic, List<String> known) {
            super("no dead-letter topic " + topic + " in this service; known: " + known);
        }
    }
}
