package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REL-5: the database as a process of its own ({@link MongoProcess}), and acknowledged writes that survive a
 * {@code kill -9} of it because {@link DurableH2Backend} journals every write command before answering and applies
 * the journal again on open ({@link H2CommitCostBenchmarkTest} measures what that costs).
 */
class DurableWritesTest {

    @TempDir
    Path dir;

    @Test
    void rel5AcknowledgedWritesSurviveKillNineOfTheDatabaseProcess() throws Exception {
        Path file = dir.resolve("mongo").resolve("db.mv");
        int port = freePort();
        MongoProcess mongo = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve("mongo.log"), true)
                .awaitReady();
        int acknowledged = 0;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            for (int i = 0; i < 2_000; i++) {
                docs.insertOne(new Document("_id", "d-" + i).append("n", i));
                acknowledged++;
            }
            for (int i = 0; i < 200; i++) {
                docs.updateOne(Filters.eq("_id", "d-" + i), Updates.set("n", -i));
            }
            mongo.kill(); // at once after the last acknowledgement: the last writes are in the journal only
        }
        assertThat(mongo.isAlive()).isFalse();
        long expected = acknowledged;
        afterRestart(file, port, "mongo-2.log", client -> {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(expected);
            assertThat(docs.find(Filters.eq("_id", "d-199")).first().getInteger("n")).isEqualTo(-199);
            assertThat(docs.find(Filters.eq("_id", "d-1999")).first().getInteger("n")).isEqualTo(1999);
        });
    }

    @Test
    @DisplayName("REL-5 writes journalled before and after a checkpoint are in the store once each after a kill -9: counters count every acknowledged $inc exactly once, twice over")
    void journalledWritesAreAppliedOnceAcrossCheckpointsAndKills() throws Exception {
        Path file = dir.resolve("mongo").resolve("db.mv");
        int port = freePort();
        int incrementsPerRound = 300;
        for (int round = 1; round <= 2; round++) {
            MongoProcess mongo = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve("mongo-" + round + ".log"), true)
                    .awaitReady();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
                MongoCollection<Document> counters = client.getDatabase("t").getCollection("counters");
                for (int i = 0; i < incrementsPerRound; i++) {
                    counters.updateOne(Filters.eq("_id", "c-" + i % 7), Updates.inc("n", 1), new UpdateOptions().upsert(true));
                    if (i == incrementsPerRound / 2) {
                        Thread.sleep(DurableH2Backend.CHECKPOINT_EVERY.toMillis() * 2); // a checkpoint falls here
                    }
                }
                mongo.kill(); // at once: the second half is only in the journal
            }
        }
        afterRestart(file, port, "mongo-3.log", client -> {
            long total = 0;
            for (Document counter : client.getDatabase("t").getCollection("counters").find()) {
                total += counter.getInteger("n");
            }
            assertThat(total).isEqualTo(2L * incrementsPerRound);
        });
    }

    @Test
    @DisplayName("REL-5 a write that failed half way (an ordered insert stopped by a duplicate) is applied as far as it was, after a kill -9")
    void halfFailedWritesReplayAsFarAsTheyWent() throws Exception {
        Path file = dir.resolve("mongo").resolve("db.mv");
        int port = freePort();
        MongoProcess mongo = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve("mongo.log"), true).awaitReady();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            docs.insertOne(new Document("_id", "b"));
            assertThatThrownBy(() -> docs.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b"),
                    new Document("_id", "c")))).isInstanceOf(MongoBulkWriteException.class);
            mongo.kill();
        }
        afterRestart(file, port, "mongo-2.log", client -> {
            List<Object> ids = new ArrayList<>();
            client.getDatabase("t").getCollection("docs").find().forEach(d -> ids.add(d.get("_id")));
            assertThat(ids).containsExactlyInAnyOrder("a", "b");
        });
    }

    @Test
    @DisplayName("REL-6 a store file put back from a backup does not take the journal of the writes made after it")
    void aRestoredFileIgnoresTheLaterJournal() throws Exception {
        Path file = dir.resolve("mongo").resolve("db.mv");
        Path zip = dir.resolve("backup.zip");
        int port = freePort();
        MongoProcess mongo = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve("mongo.log"), true).awaitReady();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            for (int i = 0; i < 100; i++) {
                docs.insertOne(new Document("_id", "before-" + i));
            }
            client.getDatabase("admin").runCommand(new Document(DurableH2Backend.BACKUP_COMMAND, zip.toString()));
            for (int i = 0; i < 100; i++) {
                docs.insertOne(new Document("_id", "after-" + i));
            }
            mongo.kill(); // the later writes are in the journal only
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(EmbeddedMongo.FILE_NAME)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING); // the file only: the journal stays
                }
            }
        }
        assertThat(WriteJournal.read(WriteJournal.fileOf(file)).entries()).as("later writes the journal holds").isNotEmpty();
        afterRestart(file, port, "mongo-2.log", client -> {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertThat(docs.countDocuments(Filters.regex("_id", "^before-"))).isEqualTo(100);
            assertThat(docs.countDocuments(Filters.regex("_id", "^after-"))).isZero();
        });
    }

    /** Starts the database again on {@code file} and runs {@code check} with a client of it; stops it after. */
    private void afterRestart(Path file, int port, String log, Check check) throws Exception {
        MongoProcess again = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve(log), true).awaitReady();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            check.on(client);
        } finally {
            again.close();
        }
    }

    /** What a test checks on the restarted database. */
    private interface Check {
        void on(MongoClient client) throws Exception;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
