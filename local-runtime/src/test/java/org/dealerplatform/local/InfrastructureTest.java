package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MongoDB and the Kafka broker of the local platform, on free ports in a temp dir, across a restart. */
class InfrastructureTest {

    @TempDir
    Path dataDir;

    private LocalPlatform.Options infrastructure() {
        return LocalPlatform.Options.defaults().basePort(0).dataDir(dataDir).infrastructureOnly();
    }

    @Test
    void brokerAndMongoWorkAndKeepTheirDataAcrossARestart() throws Exception {
        List<Long> firstRunPids;
        try (RunningPlatform platform = LocalPlatform.start(infrastructure())) {
            System.out.printf("infrastructure ready in %.1f s, %d MiB RSS%n", platform.readySeconds(), platform.rssMiB());
            assertThat(platform.readySeconds()).isPositive();
            firstRunPids = platform.childPids();
            assertThat(firstRunPids).hasSize(2); // MongoDB and the broker, each its own process

            try (Admin admin = admin(platform)) {
                admin.createTopics(List.of(new NewTopic("sales.sale.events", 3, (short) 1),
                        new NewTopic("defaults.events", Optional.empty(), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
                Map<String, TopicDescription> topics = admin.describeTopics(List.of("sales.sale.events",
                        "defaults.events")).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get("sales.sale.events").partitions()).hasSize(3);
                assertThat(topics.get("defaults.events").partitions()).hasSize(3); // num.partitions=3
            }
            roundTrip(platform, "sales.sale.events");

            try (MongoClient client = MongoClients.create(platform.mongoUri("customers"))) {
                MongoCollection<Document> customers = client.getDatabase("customers").getCollection("customers");
                customers.createIndex(Indexes.ascending("mobile"), new IndexOptions().unique(true));
                customers.insertOne(new Document("_id", "c-1").append("name", "王伟").append("mobile", "13812345678"));
                assertThat(customers.find(new Document("_id", "c-1")).first()).containsEntry("name", "王伟");
                assertThatThrownBy(() -> customers.insertOne(new Document("_id", "c-2").append("mobile", "13812345678")))
                        .isInstanceOfSatisfying(MongoWriteException.class,
                                e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            }
        }
        for (long pid : firstRunPids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("broker pid %d", pid).isFalse();
        }
        assertThat(dataDir.resolve("kafka/data/meta.properties")).exists();
        assertThat(dataDir.resolve("logs/kafka.log")).exists();

        // Second start on the same data dir: no re-format, the topic and the document are still there.
        try (RunningPlatform platform = LocalPlatform.start(infrastructure())) {
            System.out.printf("infrastructure restarted in %.1f s%n", platform.readySeconds());
            try (Admin admin = admin(platform)) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(names).contains("sales.sale.events", "defaults.events");
            }
            try (MongoClient client = MongoClients.create(platform.mongoUri("customers"))) {
                Document customer = client.getDatabase("customers").getCollection("customers")
                        .find(new Document("_id", "c-1")).first();
                assertThat(customer).isNotNull().containsEntry("name", "王伟").containsEntry("mobile", "13812345678");
            }
            roundTrip(platform, "sales.sale.events");
        }
        assertThat(Files.readString(dataDir.resolve("logs/kafka.log"))).contains("Kafka Server started");
    }

    @Test
    void theDataDirCannotBeUsedByTwoPlatformsAtOnce() {
        try (RunningPlatform first = LocalPlatform.start(infrastructure())) {
            assertThatThrownBy(() -> LocalPlatform.start(infrastructure()))
                    .isInstanceOf(LaunchException.class).hasMessageContaining("in use by another local platform");
            assertThat(first.childPids()).hasSize(2);
        }
    }

    @Test
    void freshWipesTheDataDirButRefusesAFolderItDidNotCreate(@TempDir Path foreign) throws Exception {
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> LocalPlatform.start(infrastructure().dataDir(foreign).fresh(true)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("refusing to wipe");
        assertThat(foreign.resolve("thesis.tex")).exists();

        // a data dir of an earlier run (it carries the local-runtime marker)
        Files.writeString(dataDir.resolve(".local-runtime-data-dir"), "created by local-runtime");
        Files.writeString(dataDir.resolve(DemoData.MARKER_FILE), "customers=loaded");
        Files.createDirectories(dataDir.resolve("kafka/data/old-topic-0"));
        try (RunningPlatform platform = LocalPlatform.start(infrastructure().fresh(true))) {
            assertThat(dataDir.resolve(DemoData.MARKER_FILE)).doesNotExist();
            assertThat(dataDir.resolve("kafka/data/old-topic-0")).doesNotExist();
            assertThat(dataDir.resolve("kafka/data/meta.properties")).exists(); // formatted again
            assertThat(dataDir.resolve(".local-runtime-data-dir")).exists();
        }
    }

    @Test
    void embeddedMongoKeepsDataInItsH2FileAcrossAStopAndStart() {
        Path file = dataDir.resolve("mongo").resolve("test.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.uri("sales"))) {
            client.getDatabase("sales").getCollection("sales").insertOne(new Document("_id", "s-1").append("vin", "LSVAU2180N2123456"));
        }
        assertThat(file).exists();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.uri("sales"))) {
            assertThat(client.getDatabase("sales").getCollection("sales").find(new Document("_id", "s-1")).first())
                    .containsEntry("vin", "LSVAU2180N2123456");
        }
    }

    @Test
    void theBrokerAndTheDatabaseDoNotOutliveALauncherKilledWithSigkill() throws Exception {
        Path output = dataDir.resolve("launcher.out");
        Process launcher = new ProcessBuilder(ChildProcess.javaExecutable(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName(),
                "--infrastructure-only", "--base-port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(output).contains("ready in")) {
                assertThat(launcher.isAlive()).as("launcher output:%n%s", Files.readString(output)).isTrue();
                assertThat(System.nanoTime()).as("launcher not ready in 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            List<ProcessHandle> children = launcher.children().toList();
            assertThat(children).hasSize(2); // MongoDB and the broker, each in its own session

            launcher.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

            long start = System.nanoTime();
            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
            }
            System.out.printf("MongoDB and the broker ended %.1f s after its launcher was killed%n", (System.nanoTime() - start) / 1e9);
            assertThat(Files.readString(dataDir.resolve("logs/kafka.log"))).contains("launcher (pid " + launcher.pid()
                    + ") is gone");
            assertThat(Files.readString(dataDir.resolve("logs/mongo.log"))).contains("launcher (pid " + launcher.pid()
                    + ") is gone");
        } finally {
            launcher.destroyForcibly();
            launcher.children().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Admin admin(RunningPlatform platform) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()));
    }

    private static void roundTrip(RunningPlatform platform, String topic) throws Exception {
        String key = "sale-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "{\"type\":\"dealer.sales.SaleRecorded.v1\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("record " + key + " was not consumed from " + topic);
    }
}
