package org.dealerplatform.platform.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;

/**
 * REL-6: after a restore from a backup, the records the consumers must not apply. A backup holds the database as of
 * one instant ({@code skipAfter}); the broker was kept. A record sent after that instant, and below the partition's
 * end offset when the backup was restored ({@code upTo}), comes from a write the restored database no longer has, or
 * from an event still pending in the restored outbox, which the relay sends again above {@code upTo}. Either way the
 * consumers skip it. Fences are written by the restore (the local runtime's {@code Backups}) into each service's
 * database, collection {@value #COLLECTION}, before the service starts; a service reads them once at start.
 */
public final class RestoreFences implements RecordFilterStrategy<String, byte[]> {

    /** The collection the restore writes the fences into. */
    public static final String COLLECTION = "restore_fences";
    private static final Logger log = LoggerFactory.getLogger(RestoreFences.class);

    /** Records of {@code topic}/{@code partition} below {@code upTo} sent after {@code skipAfter} (epoch ms) are skipped. */
    public record Fence(String topic, int partition, long upTo, long skipAfter) {

        boolean skips(ConsumerRecord<?, ?> record) {
            return record.offset() < upTo && record.timestamp() > skipAfter;
        }
    }

    private final Map<TopicPartition, List<Fence>> byPartition = new HashMap<>();
    private final Counter skipped;

    public RestoreFences(List<Fence> fences, MeterRegistry meters) {
        for (Fence fence : fences) {
            byPartition.computeIfAbsent(new TopicPartition(fence.topic(), fence.partition()), p -> new ArrayList<>())
                    .add(fence);
        }
        this.skipped = Counter.builder("dealer.restore.fenced")
                .description("records skipped because they are newer than the restored backup (REL-6)").register(meters);
    }

    /** The fences in this service's database (none unless it was restored from a backup). */
    public static RestoreFences load(MongoTemplate mongo, MeterRegistry meters) {
        List<Fence> fences = new ArrayList<>();
        for (Document doc : mongo.findAll(Document.class, COLLECTION)) {
            fences.add(new Fence(doc.getString("topic"), ((Number) doc.get("partition")).intValue(),
                    ((Number) doc.get("upTo")).longValue(), ((Number) doc.get("skipAfter")).longValue()));
        }
        if (!fences.isEmpty()) {
            log.info("REL-6: {} restore fences: records sent after the restored backup are skipped", fences.size());
        }
        return new RestoreFences(fences, meters);
    }

    public boolean isEmpty() {
        return byPartition.isEmpty();
    }

    /** {@code true}: skip the record. */
    @Override
    public boolean filter(ConsumerRecord<String, byte[]> record) {
        List<Fence> fences = byPartition.get(new TopicPartition(record.topic(), record.partition()));
        if (fences != null) {
            for (Fence fence : fences) {
                if (fence.skips(record)) {
                    skipped.increment();
                    return true;
                }
            }
        }
        return false;
    }
}
