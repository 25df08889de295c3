package org.dealerplatform.local.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's BSON-typed H2 storage (issue 10) behaves as the stock backend does, through the real driver:
 * every BSON type round-trips, unique indexes find and refuse by value (numbers compared numerically, compound keys
 * field by field), and what was acknowledged is in the file after a restart.
 */
class BsonH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void documentsOfEveryTypeRoundTripAndSurviveARestart() {
        String file = dir.resolve("mongo.mv.db").toString();
        ObjectId objectId = new ObjectId();
        UUID uuid = UUID.randomUUID();
        Document original = new Document("_id", "c-1")
                .append("name", "王小明").append("mobile", "13800000000")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5)
                .append("decimal", new Decimal128(new java.math.BigDecimal("123456.78")))
                .append("flag", true).append("none", null).append("when", new Date(1_700_000_000_000L))
                .append("oid", objectId).append("uuid", uuid)
                .append("tags", List.of("vip", "fleet")).append("nested", new Document("a", new Document("b", List.of(1, 2))));
        withServer(file, collection -> {
            collection.insertOne(original);
            assertThat(collection.find(Filters.eq("_id", "c-1")).first()).isEqualTo(original);
        });
        withServer(file, collection -> assertThat(collection.find(Filters.eq("_id", "c-1")).first()).isEqualTo(original));
    }

    @Test
    void uniqueIndexesFindAndRefuseByValue() {
        withServer(dir.resolve("index.mv.db").toString(), collection -> {
            collection.createIndex(Indexes.ascending("branchId", "mobile"), new IndexOptions().unique(true));
            collection.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true).sparse(true));
            // lookups below name exactly the index's keys in a plain document, the shape the server answers from an index
            for (int i = 0; i < 2_000; i++) {
                collection.insertOne(new Document("_id", new ObjectId()).append("branchId", "B" + (i % 7))
                        .append("mobile", "138" + String.format("%08d", i)).append("number", i));
            }
            assertThat(collection.find(new Document("branchId", "B3").append("mobile", "13800000010"))
                    .first()).extracting(d -> d.get("number")).isEqualTo(10);
            assertThat(collection.find(new Document("branchId", "B4").append("mobile", "13800000010"))
                    .first()).isNull();
            // a compound key differs from another by its second field only
            collection.insertOne(new Document("branchId", "B4").append("mobile", "13800000010"));
            assertThatThrownBy(() -> collection.insertOne(new Document("branchId", "B3").append("mobile", "13800000010")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // numbers are one value whatever their BSON type, as in MongoDB
            assertThatThrownBy(() -> collection.insertOne(new Document("branchId", "X").append("mobile", "1").append("number", 5L)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(collection.find(Filters.eq("number", 5.0)).first()).isNotNull();
            // updates move index entries: the old key is free, the new one taken
            collection.updateOne(Filters.eq("number", 6), Updates.set("number", 100_000));
            assertThat(collection.find(Filters.eq("number", 6)).first()).isNull();
            assertThat(collection.find(Filters.eq("number", 100_000)).first()).isNotNull();
            collection.insertOne(new Document("branchId", "Y").append("mobile", "2").append("number", 6));
            collection.deleteOne(Filters.eq("number", 7));
            assertThat(collection.countDocuments()).isEqualTo(2_001);
        });
    }

    @Test
    void compoundAndStringIdsAreOrderedAndFound() {
        withServer(dir.resolve("ids.mv.db").toString(), collection -> {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                documents.add(new Document("_id", new Document("branch", "B" + (i % 5)).append("day", i)).append("n", i));
                documents.add(new Document("_id", "s-" + i).append("n", i));
                documents.add(new Document("_id", (long) i * 1_000_003).append("n", i));
            }
            collection.insertMany(documents);
            assertThat(collection.find(Filters.eq("_id", new Document("branch", "B3").append("day", 7))).first()).isNull();
            assertThat(collection.find(Filters.eq("_id", new Document("branch", "B2").append("day", 12))).first())
                    .extracting(d -> d.get("n")).isEqualTo(12);
            assertThat(collection.find(Filters.eq("_id", "s-499")).first()).extracting(d -> d.get("n")).isEqualTo(499);
            assertThat(collection.find(Filters.eq("_id", 3 * 1_000_003)).first()).extracting(d -> d.get("n")).isEqualTo(3);
            collection.replaceOne(Filters.eq("_id", "s-1"), new Document("_id", "s-1").append("n", -1),
                    new ReplaceOptions().upsert(true));
            assertThat(collection.find(Filters.eq("_id", "s-1")).first()).extracting(d -> d.get("n")).isEqualTo(-1);
            assertThat(collection.countDocuments()).isEqualTo(1_500);
        });
    }

    /**
     * REL-5: a file whose {@code _id} index lost entries of stored documents (a write stored half done when the database
     * process died; in the fault suite an upsert of such an {@code _id} then failed for good with "Document with key
     * ... already existed") is repaired when the database opens: the documents are found by {@code _id} again and
     * upserts of them update them.
     */
    @Test
    void rel5IdIndexMissingEntriesIsRebuiltOnOpen() {
        String file = dir.resolve("torn.mv").toString();
        withServer(file, things -> {
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                batch.add(new Document("_id", "fact-" + i).append("n", i));
            }
            things.insertMany(batch);
        });
        // the torn file: three documents without their _id entry
        List<Object> removed = new ArrayList<>();
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file).open()) {
            org.h2.mvstore.MVMap<de.bwaldvogel.mongo.backend.KeyValue, Object> ids = store.openMap("test.things._index__id_",
                    new org.h2.mvstore.MVMap.Builder<de.bwaldvogel.mongo.backend.KeyValue, Object>()
                            .keyType(BsonType.KEY).valueType(BsonType.VALUE));
            assertThat(ids.sizeAsLong()).isEqualTo(10_000);
            for (de.bwaldvogel.mongo.backend.KeyValue key : List.copyOf(ids.keyList().subList(500, 503))) {
                removed.add(ids.remove(key));
            }
            store.commit();
        }
        withServer(file, things -> {
            for (Object id : removed) {
                assertThat(things.find(Filters.eq("_id", id)).first()).as("%s found by _id", id).isNotNull();
                things.updateOne(Filters.eq("_id", id), Updates.set("repaired", true),
                        new com.mongodb.client.model.UpdateOptions().upsert(true));
            }
            assertThat(things.countDocuments()).isEqualTo(10_000);
            assertThat(things.countDocuments(Filters.eq("repaired", true))).isEqualTo(3);
        });
    }

    private static void withServer(String file, java.util.function.Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(new BsonH2Backend(file));
        try {
            String address = server.bindAndGetConnectionString();
            MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(address))
                    .uuidRepresentation(UuidRepresentation.STANDARD).build();
            try (MongoClient client = MongoClients.create(settings)) {
                work.accept(client.getDatabase("test").getCollection("things"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
