package org.dealerplatform.local.mongo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the embedded server's storage, stock H2 backend against {@link BsonH2Backend}, on a file as the local
 * runtime runs it. One operation is what a command or consumer typically does: a lookup by a unique key, a lookup by
 * {@code _id}, an update by {@code _id} and an insert into a collection with a unique index. Measured with 1,000 and
 * with 100,000 documents stored; prints operations per second and the ratios. Run:
 * {@code mvn -Pbenchmark -pl local-runtime test -Dtest=StorageBenchmarkTest}.
 */
@Tag("benchmark")
class StorageBenchmarkTest {

    private static final int OPERATIONS = 3_000;

    @TempDir
    Path dir;

    @Test
    void stockAgainstBsonStorage() {
        List<String> lines = new ArrayList<>();
        double[][] perSecond = new double[2][2];
        int[] sizes = {1_000, 100_000};
        for (int s = 0; s < sizes.length; s++) {
            int size = sizes[s];
            perSecond[0][s] = run("stock-" + size, H2Backend::new, size);
            perSecond[1][s] = run("bson-" + size, BsonH2Backend::new, size);
            lines.add(String.format(Locale.ROOT, "%,9d stored: stock H2 %,8.0f ops/s   BSON H2 %,8.0f ops/s   BSON/stock %.2f×",
                    size, perSecond[0][s], perSecond[1][s], perSecond[1][s] / perSecond[0][s]));
        }
        lines.add(String.format(Locale.ROOT, "cost per op at 100,000 ÷ at 1,000: stock %.2f, BSON %.2f (bar ≤ 1.5)",
                perSecond[0][0] / perSecond[0][1], perSecond[1][0] / perSecond[1][1]));
        System.out.println("\n=== embedded MongoDB storage (issue 10) ===\n" + String.join("\n", lines) + "\n");
    }

    /**
     * Secondary (non-unique) indexes ({@link BsonSecondaryIndex}): a lookup of one customer's five records by a
     * non-unique key, with 1,000 and 100,000 records stored, against the same filter behind {@code $and} (which no index
     * takes, as every such lookup was before: a scan).
     */
    @Test
    void secondaryIndexLookups() {
        List<String> lines = new ArrayList<>();
        double[][] perSecond = new double[2][2];
        int[] sizes = {1_000, 100_000};
        for (int s = 0; s < sizes.length; s++) {
            int size = sizes[s];
            MongoServer server = new MongoServer(new BsonH2Backend(dir.resolve("secondary-" + size + ".mv.db").toString()));
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                MongoCollection<Document> visits = client.getDatabase("bench").getCollection("visits");
                visits.createIndex(Indexes.ascending("customerId"));
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    batch.add(new Document("_id", "v-" + i).append("customerId", "c-" + i / 5).append("n", i)
                            .append("note", "来访 " + i));
                    if (batch.size() == 1_000) {
                        visits.insertMany(batch);
                        batch.clear();
                    }
                }
                int customers = size / 5;
                perSecond[0][s] = lookups(visits, customers, 3_000, false);
                perSecond[1][s] = lookups(visits, customers, size > 10_000 ? 30 : 300, true);
            } finally {
                server.shutdownNow();
            }
            lines.add(String.format(Locale.ROOT, "%,9d stored: indexed %,8.0f lookups/s   scan ($and) %,8.0f lookups/s   "
                    + "indexed/scan %.1f×", size, perSecond[0][s], perSecond[1][s], perSecond[0][s] / perSecond[1][s]));
        }
        lines.add(String.format(Locale.ROOT, "cost per lookup at 100,000 ÷ at 1,000: indexed %.2f, scan %.2f (bar ≤ 1.5)",
                perSecond[0][0] / perSecond[0][1], perSecond[1][0] / perSecond[1][1]));
        System.out.println("\n=== embedded MongoDB secondary indexes (issue 10) ===\n" + String.join("\n", lines) + "\n");
    }

    private static double lookups(MongoCollection<Document> visits, int customers, int count, boolean scan) {
        for (int i = 0; i < Math.min(count, 200); i++) { // warm-up
            visits.find(Filters.eq("customerId", "c-" + Math.floorMod(i * 7919, customers))).into(new ArrayList<>());
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String customer = "c-" + Math.floorMod((i + 1_000) * 7919, customers);
            List<Document> found = visits.find(scan ? Filters.and(Filters.exists("_id"), Filters.eq("customerId", customer))
                    : Filters.eq("customerId", customer)).into(new ArrayList<>());
            if (found.size() != 5) {
                throw new AssertionError(customer + ": " + found.size() + " records instead of 5");
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private double run(String name, Function<String, MongoBackend> backend, int size) {
        MongoServer server = new MongoServer(backend.apply(dir.resolve(name + ".mv.db").toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> things = client.getDatabase("bench").getCollection("things");
            things.createIndex(Indexes.ascending("branchId", "mobile"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(document(i));
                if (batch.size() == 1_000) {
                    things.insertMany(batch);
                    batch.clear();
                }
            }
            operations(things, size, 500); // warm-up
            long start = System.nanoTime();
            operations(things, size + 500, OPERATIONS);
            return OPERATIONS / ((System.nanoTime() - start) / 1e9);
        } finally {
            server.shutdownNow();
        }
    }

    private static void operations(MongoCollection<Document> things, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int existing = Math.floorMod(i * 7919, from);
            // a plain document naming exactly the index's keys: the embedded server uses an index only for that shape
            things.find(new Document("branchId", "B" + existing % 20).append("mobile", mobile(existing))).first();
            things.find(Filters.eq("_id", "c-" + existing)).first();
            things.updateOne(Filters.eq("_id", "c-" + existing), Updates.combine(Updates.inc("visits", 1),
                    Updates.set("lastSeen", i)));
            things.insertOne(document(i));
        }
    }

    private static Document document(int i) {
        return new Document("_id", "c-" + i).append("branchId", "B" + i % 20).append("mobile", mobile(i))
                .append("name", "客户" + i).append("segment", i % 3 == 0 ? "VIP" : "REGULAR").append("visits", 0)
                .append("address", new Document("city", "杭州").append("street", "文三路 " + i + " 号"))
                .append("tags", List.of("t" + i % 5, "t" + i % 7));
    }

    private static String mobile(int i) {
        return "139" + String.format(Locale.ROOT, "%08d", i);
    }
}
