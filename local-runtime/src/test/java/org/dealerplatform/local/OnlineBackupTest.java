package org.dealerplatform.local;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.dealerplatform.local.mongo.BsonH2Backend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REL-6: the database's backup command copies the store from a snapshot while writes go on. Before, it held every
 * write for as long as the copy took (78 s for a 48 MiB file on a loaded machine); the platform stood still.
 */
class OnlineBackupTest {

    private static final int STORED = 12_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("REL-6 writes go on while a backup is copied, and the copy holds exactly the writes of its instant with their indexes")
    void writesGoOnWhileTheBackupCopies() throws Exception {
        MongoServer server = new MongoServer(new DurableH2Backend(dir.resolve("live.mv.db").toString(), true));
        List<long[]> acknowledged = new ArrayList<>(); // {n, started at, acknowledged at}
        Document answer;
        long answeredAt;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> things = client.getDatabase("svc").getCollection("things");
            things.createIndex(Indexes.ascending("mobile"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("branchId"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < STORED; i++) {
                batch.add(thing(-1 - i));
                if (batch.size() == 1_000) {
                    things.insertMany(batch);
                    batch.clear();
                }
            }

            // one client writing one document after the other, noting when each was begun and acknowledged
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int n = 0; writing.get(); n++) {
                    long started = System.currentTimeMillis();
                    things.insertOne(thing(n));
                    synchronized (acknowledged) {
                        acknowledged.add(new long[] {n, started, System.currentTimeMillis()});
                    }
                }
            });
            writer.start();
            Thread.sleep(300);
            answer = client.getDatabase("admin").runCommand(new Document(DurableH2Backend.BACKUP_COMMAND,
                    dir.resolve("backup.zip").toString()));
            answeredAt = System.currentTimeMillis();
            Thread.sleep(200);
            writing.set(false);
            writer.join();
        } finally {
            server.shutdownNow();
        }
        long snapshotAt = answer.getLong("snapshotAt");
        long before = acknowledged.stream().filter(a -> a[2] < snapshotAt).count();
        long during = acknowledged.stream().filter(a -> a[1] > snapshotAt && a[2] < answeredAt).count();
        long after = acknowledged.stream().filter(a -> a[1] > snapshotAt).count();
        // held writes: the one writer's next insert would have waited for the whole copy (at most one in between)
        assertThat(during).as("writes begun after the snapshot and acknowledged before the backup answered").isGreaterThan(2);
        assertThat(before).isPositive();

        Path restored = dir.resolve("restored.mv.db");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dir.resolve("backup.zip")))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry).isNotNull();
            Files.copy((InputStream) zip, restored);
        }
        MongoServer reopened = new MongoServer(new BsonH2Backend(restored.toString()));
        try (MongoClient client = MongoClients.create(reopened.bindAndGetConnectionString())) {
            MongoCollection<Document> back = client.getDatabase("svc").getCollection("things");
            long written = back.countDocuments(new Document("n", new Document("$gte", 0)));
            // one writer, one document after the other: the copy holds a prefix of them, all of its instant's
            assertThat(written).isBetween(before, (long) acknowledged.size() - after);
            assertThat(back.countDocuments()).isEqualTo(STORED + written);
            // the indexes came along, entry for entry: a unique key and a secondary key find their documents
            assertThat(back.find(new Document("mobile", mobile(-1 - STORED / 2))).first()).isNotNull();
            assertThat(back.find(new Document("mobile", mobile(written - 1))).first()).isNotNull();
            assertThat(back.find(new Document("mobile", mobile(written))).first()).isNull();
            assertThat(back.countDocuments(new Document("branchId", "B7"))).isEqualTo(
                    back.countDocuments(new Document("$and", List.of(new Document("branchId", "B7"),
                            new Document("_id", new Document("$exists", true))))));
            assertThat(back.listIndexes().into(new ArrayList<>())).hasSize(3);
        } finally {
            reopened.shutdownNow();
        }
    }

    @Test
    @DisplayName("REL-6 a backup copied while the same documents keep changing is still one instant: a later write never reaches the copy without an earlier one")
    void updatesDuringTheCopyStayOut() throws Exception {
        MongoServer server = new MongoServer(new DurableH2Backend(dir.resolve("live.mv.db").toString(), true));
        long rounds;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            // the roll-up's shape: a claim is written, then the cells it changes, in two collections
            MongoCollection<Document> claims = client.getDatabase("svc").getCollection("claims");
            MongoCollection<Document> cells = client.getDatabase("svc").getCollection("cells");
            List<Document> bulk = new ArrayList<>();
            for (int i = 0; i < STORED; i++) {
                bulk.add(thing(-1 - i));
                if (bulk.size() == 1_000) {
                    client.getDatabase("svc").getCollection("things").insertMany(bulk);
                    bulk.clear();
                }
            }
            for (int hot = 0; hot < 20; hot++) {
                claims.insertOne(new Document("_id", "h" + hot).append("n", 0L).append("pad", "x".repeat(2_000)));
                cells.insertOne(new Document("_id", "h" + hot).append("n", 0L).append("pad", "x".repeat(2_000)));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            long[] done = new long[1];
            Thread writer = new Thread(() -> {
                for (long n = 1; writing.get(); n++) {
                    for (int hot = 0; hot < 20; hot++) {
                        claims.updateOne(new Document("_id", "h" + hot), new Document("$set", new Document("n", n)));
                    }
                    for (int hot = 0; hot < 20; hot++) {
                        cells.updateOne(new Document("_id", "h" + hot), new Document("$set", new Document("n", n)));
                    }
                    done[0] = n;
                }
            });
            writer.start();
            Thread.sleep(300);
            client.getDatabase("admin").runCommand(new Document(DurableH2Backend.BACKUP_COMMAND,
                    dir.resolve("backup.zip").toString()));
            Thread.sleep(300);
            writing.set(false);
            writer.join();
            rounds = done[0];
        } finally {
            server.shutdownNow();
        }
        Path restored = dir.resolve("restored.mv.db");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dir.resolve("backup.zip")))) {
            assertThat(zip.getNextEntry()).isNotNull();
            Files.copy((InputStream) zip, restored);
        }
        MongoServer reopened = new MongoServer(new BsonH2Backend(restored.toString()));
        try (MongoClient client = MongoClients.create(reopened.bindAndGetConnectionString())) {
            long claimed = Long.MAX_VALUE;
            long celled = 0;
            for (Document claim : client.getDatabase("svc").getCollection("claims").find()) {
                claimed = Math.min(claimed, claim.getLong("n"));
            }
            for (Document cell : client.getDatabase("svc").getCollection("cells").find()) {
                celled = Math.max(celled, cell.getLong("n"));
            }
            assertThat(rounds).as("the writer went on through the copy").isGreaterThan(celled);
            // every cell write of round n followed all claim writes of round n: in one instant no cell is ahead
            assertThat(celled).as("the newest cell round in the copy, against the oldest claim round").isLessThanOrEqualTo(claimed);
        } finally {
            reopened.shutdownNow();
        }
    }

    private static Document thing(long n) {
        return new Document("_id", "t" + n).append("n", n).append("mobile", mobile(n)).append("branchId", "B" + Math.floorMod(n, 20))
                .append("name", "客户 " + n).append("note", "x".repeat(200));
    }

    private static String mobile(long n) {
        return "1" + String.format(java.util.Locale.ROOT, "%010d", n + 1_000_000_000L);
    }
}
