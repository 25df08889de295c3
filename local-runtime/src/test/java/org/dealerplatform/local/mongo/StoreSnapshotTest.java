package org.dealerplatform.local.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REL-6: a snapshot of the store holds every document as it was when it was taken, whatever changes after. */
class StoreSnapshotTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("REL-6 a document updated after the snapshot ($inc, $max of a nested field, $set) is copied as it was at the snapshot")
    void laterUpdatesDoNotReachTheSnapshot() {
        BsonH2Backend backend = new BsonH2Backend(dir.resolve("live.mv.db").toString());
        MongoServer server = new MongoServer(backend);
        Path copy = dir.resolve("copy.mv.db");
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> cells = client.getDatabase("sales").getCollection("rollup_cells");
            cells.insertOne(new Document("_id", "GROUP").append("amountFen", 100L).append("name", "before")
                    .append("offsets", new Document("p-0", 354L)));
            // the roll-up's shape: one cell read, changed and read again before the snapshot
            cells.updateOne(Filters.eq("_id", "GROUP"), Updates.inc("amountFen", 1L));
            assertThat(cells.find(Filters.eq("_id", "GROUP")).first().getLong("amountFen")).isEqualTo(101L);
            try (StoreSnapshot snapshot = backend.snapshot()) {
                cells.updateOne(Filters.eq("_id", "GROUP"), Updates.combine(Updates.inc("amountFen", 10_160_000L),
                        Updates.max("offsets.p-0", 355L), Updates.set("name", "after")));
                assertThat(cells.find(Filters.eq("_id", "GROUP")).first().getLong("amountFen")).isEqualTo(10_160_101L);
                snapshot.writeTo(copy);
            }
        } finally {
            server.shutdownNow();
        }
        MongoServer reopened = new MongoServer(new BsonH2Backend(copy.toString()));
        try (MongoClient client = MongoClients.create(reopened.bindAndGetConnectionString())) {
            Document cell = client.getDatabase("sales").getCollection("rollup_cells").find(Filters.eq("_id", "GROUP")).first();
            assertThat(cell.getLong("amountFen")).isEqualTo(101L);
            assertThat(cell.getString("name")).isEqualTo("before");
            assertThat(cell.get("offsets", Document.class).getLong("p-0")).isEqualTo(354L);
        } finally {
            reopened.shutdownNow();
        }
    }
}
