package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REL-5: the database as a process of its own ({@link MongoProcess}), and acknowledged writes that survive a
 * {@code kill -9} of it because {@link DurableH2Backend} commits the H2 store before answering ({@link
 * H2CommitCostBenchmarkTest} measures what that costs).
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
            mongo.kill(); // at once after the last acknowledgement: H2's background commit has not run yet
        }
        assertThat(mongo.isAlive()).isFalse();
        MongoProcess again = MongoProcess.launch(file, "127.0.0.1", port, null, dir.resolve("mongo-2.log"), true)
                .awaitReady();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(acknowledged);
            assertThat(docs.find(Filters.eq("_id", "d-199")).first().getInteger("n")).isEqualTo(-199);
            assertThat(docs.find(Filters.eq("_id", "d-1999")).first().getInteger("n")).isEqualTo(1999);
        } finally {
            again.close();
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
