package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REL-6 on the infrastructure alone (database process and broker): the backup is one point in time while writes go on,
 * and the restore brings back that database, rewinds the consumer groups and fences what came after. The platform with
 * its apps is restored in the fault suite ({@code FaultSuiteIT}), which compares HQ's figures after the restore.
 */
class BackupRestoreTest {

    static final String TOPIC = "sales.sale.events";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDir;
    @TempDir
    Path backups;

    @Test
    @DisplayName("REL-6 a backup taken while a client writes holds exactly the writes acknowledged before its instant; "
            + "the restore brings them back, rewinds the consumer group to the backup's offset and fences the records "
            + "sent after it; a backup is not restored against another broker")
    void backupWhileWritingThenRestore() throws Exception {
        try (RunningPlatform platform = LocalPlatform.start(LocalPlatform.Options.defaults().basePort(0)
                .dataDir(dataDir).infrastructureOnly().banner(false));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()));
                KafkaProducer<String, String> producer = producer(platform);
                MongoClient client = MongoClients.create(platform.mongoUri("svc"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "before-" + i)).get();
            }
            consumeAndCommit(platform, 3);

            // a client writing one document after the other, noting when each was acknowledged
            MongoCollection<Document> things = client.getDatabase("svc").getCollection("things");
            List<long[]> acknowledged = new ArrayList<>(); // {n, started at, acknowledged at}
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int n = 0; writing.get(); n++) {
                    long started = System.currentTimeMillis();
                    things.insertOne(new Document("_id", n));
                    synchronized (acknowledged) {
                        acknowledged.add(new long[] {n, started, System.currentTimeMillis()});
                    }
                }
            });
            writer.start();
            Thread.sleep(500);
            Path backup = backups.resolve("platform.zip");
            Backups.Manifest manifest = platform.backup(backup);
            Thread.sleep(300);
            writing.set(false);
            writer.join();
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "after-" + i)).get();
            }
            consumeAndCommit(platform, 6);
            assertThat(manifest.offsets()).containsEntry("g", Map.of(TOPIC + ":0", 3L));
            assertThat(Backups.readManifest(backup)).isEqualTo(manifest);
            long before = acknowledged.stream().filter(a -> a[2] < manifest.snapshotAt()).count();
            long after = acknowledged.stream().filter(a -> a[1] > manifest.snapshotAt()).count();
            assertThat(before).as("writes acknowledged before the backup").isPositive();
            assertThat(after).as("writes begun after the backup").isPositive();

            platform.restore(backup);

            try (MongoClient restored = MongoClients.create(platform.mongoUri("svc"))) {
                MongoCollection<Document> back = restored.getDatabase("svc").getCollection("things");
                long count = back.countDocuments();
                // one writer, one document after the other: the copy holds a prefix of them
                assertThat(back.countDocuments(new Document("_id", new Document("$lt", (int) count)))).isEqualTo(count);
                assertThat(count).isBetween(before, (long) acknowledged.size() - after);
                Document fence = restored.getDatabase("svc").getCollection(Backups.FENCES)
                        .find(new Document("topic", TOPIC)).first();
                assertThat(fence).isNotNull();
                assertThat(fence.getLong("upTo")).isEqualTo(9L);
                assertThat(fence.getLong("skipAfter")).isEqualTo(manifest.snapshotAt());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("g")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.get(P0).offset()).isEqualTo(3L);

            // a backup is not restored against another broker: the roll-up's offset marks would not match its topics
            Backups.Manifest foreign = new Backups.Manifest(manifest.snapshotAt(), "another-cluster", Map.of());
            assertThatThrownBy(() -> Backups.rewind(foreign, platform.kafkaBootstrap(), platform.mongoUri("admin")))
                    .isInstanceOf(LaunchException.class).hasMessageContaining("another Kafka broker");
        }
    }

    private static KafkaProducer<String, String> producer(RunningPlatform platform) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    /** Group {@code g} reads the partition and commits {@code offset}. */
    private static void consumeAndCommit(RunningPlatform platform, long offset) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "g",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(offset)));
        }
    }
}
