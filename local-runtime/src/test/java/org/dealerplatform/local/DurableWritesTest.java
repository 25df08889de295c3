package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * {@code kill -9} of it because {@link DurableH2Backend} commits the H2 store before answering. Also measures what
 * that costs (writes per second, commit per write against H2's background commit), the figures in RELIABILITY.md.
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

    /** Writes per second with 1 and 8 concurrent clients; commit per write against the background commit. */
    @Test
    void rel5CostOfCommittingEveryWrite() throws Exception {
        double[] each = measure(true);
        double[] background = measure(false);
        System.out.printf(Locale.ROOT, "REL-5 H2 commit cost: 1 client %.0f writes/s (commit each write) vs %.0f "
                + "(background); 8 clients %.0f vs %.0f%n", each[0], background[0], each[1], background[1]);
        assertThat(each[0]).isPositive();
        assertThat(each[1]).isPositive();
    }

    private double[] measure(boolean commitEachWrite) throws Exception {
        Path file = dir.resolve(commitEachWrite ? "each" : "background").resolve("db.mv");
        int port = freePort();
        MongoProcess mongo = MongoProcess.launch(file, "127.0.0.1", port, null,
                dir.resolve((commitEachWrite ? "each" : "background") + ".log"), commitEachWrite).awaitReady();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            String pad = "x".repeat(600); // about the size of a sale with its outbox entry
            for (int i = 0; i < 500; i++) { // warm-up
                docs.insertOne(new Document("_id", "w-" + i).append("pad", pad));
            }
            int single = 3_000;
            long start = System.nanoTime();
            for (int i = 0; i < single; i++) {
                docs.insertOne(new Document("_id", "s-" + i).append("pad", pad));
            }
            double singleRate = single / ((System.nanoTime() - start) / 1e9);
            int threads = 8;
            int perThread = 750;
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        docs.insertOne(new Document("_id", "c-" + next.getAndIncrement()).append("pad", pad));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double concurrentRate = threads * perThread / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();
            return new double[] {singleRate, concurrentRate};
        } finally {
            mongo.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
