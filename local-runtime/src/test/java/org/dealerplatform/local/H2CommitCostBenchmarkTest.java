package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REL-5: what committing the H2 store on every write ({@link DurableH2Backend}) costs against H2's one-second background
 * commit, in writes per second through the driver to the database process; the figures in RELIABILITY.md. A benchmark
 * ({@code mvn -pl local-runtime test -Pbenchmark}), not part of the default build.
 */
@Tag("benchmark")
class H2CommitCostBenchmarkTest {

    @TempDir
    Path dir;

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
        int port = DurableWritesTest.freePort();
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

}
