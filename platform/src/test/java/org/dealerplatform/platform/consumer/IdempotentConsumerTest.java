package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketEffects;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

@ServiceTest
class IdempotentConsumerTest {

    @Autowired
    IdempotentWrites writes;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TicketStore tickets;
    @org.springframework.beans.factory.annotation.Value("${spring.mongodb.uri}")
    String mongoUri;

    @Test
    @DisplayName("a consumer that dies after its effect but before committing the offset gets the record again and applies it once")
    void redeliveryAfterCrashAppliesOnce() {
        String branch = "B-" + UUID.randomUUID();
        int before = TicketEffects.DELIVERIES.get();
        TicketEffects.FAIL_AFTER_EFFECT.set(2);
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, branch, "redelivered"));

        await().atMost(Duration.ofSeconds(20)).until(() -> TicketEffects.FAIL_AFTER_EFFECT.get() == 0
                && TicketEffects.DELIVERIES.get() >= before + 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(branch, Document.class, "ticket_counters") != null);
        assertThat(mongo.findById(branch, Document.class, "ticket_counters").getInteger("opened")).isEqualTo(1);
        assertThat(mongo.findById("welcome:" + id, Document.class, "ticket_welcomes")).isNotNull();
    }

    @Test
    @DisplayName("reason-keyed insert: the second insert with the same business reason does nothing")
    void reasonKeyInsertOnce() {
        String key = "maintenance-due:LSVAU2180N2183295:2026-12-01:" + UUID.randomUUID();
        assertThat(writes.insertOnce("reasons", new Document("_id", key).append("n", 1))).isTrue();
        assertThat(writes.insertOnce("reasons", new Document("_id", key).append("n", 2))).isFalse();
        assertThat(mongo.findById(key, Document.class, "reasons").getInteger("n")).isEqualTo(1);
    }

    @Test
    @DisplayName("applied-event guard: the same event id changes a document once, another event id changes it again")
    void appliedEventGuard() {
        String id = UUID.randomUUID().toString();
        assertThat(writes.applyOnce("guarded", id, "e1", new Update().inc("n", 1))).isTrue();
        assertThat(writes.applyOnce("guarded", id, "e1", new Update().inc("n", 1))).isFalse();
        assertThat(writes.applyOnce("guarded", id, "e2", new Update().inc("n", 1))).isTrue();
        assertThat(mongo.findById(id, Document.class, "guarded").getInteger("n")).isEqualTo(2);
    }

    @Test
    @DisplayName("SEC-9 an erased replica takes no event again: not a newer one, and the erasure itself only once")
    void erasedReplicaRefusesLaterEvents() {
        String id = "customer-" + UUID.randomUUID();
        assertThat(writes.applyIfNewerUnlessErased("replicas", id, "version", 3,
                new Update().set("name", "Wang Wei").set("mobile", "13800000000"))).isTrue();
        assertThat(writes.applyIfNewerUnlessErased("replicas", id, "version", 2, new Update().set("name", "old"))).isFalse();
        assertThat(writes.eraseOnce("replicas", id, "JS-NJ-01", 2,
                () -> new Update().unset("name").unset("mobile"), "version", "preferencesVersion")).isTrue();
        Document erased = mongo.findById(id, Document.class, "replicas");
        assertThat(erased).doesNotContainKeys("name", "mobile").containsEntry("erased", true)
                .containsEntry("version", 3L).containsEntry("preferencesVersion", 2L);
        assertThat(erased.containsKey("branchId")).as("branch set only when the erasure creates the replica").isFalse();
        assertThat(IdempotentWrites.isErased(erased)).isTrue();
        assertThat(writes.eraseOnce("replicas", id, "JS-NJ-01", 9, () -> new Update().unset("name"), "version")).isFalse();
        assertThat(writes.applyIfNewerUnlessErased("replicas", id, "version", 10, new Update().set("name", "back")))
                .isFalse();
        assertThat(mongo.findById(id, Document.class, "replicas")).doesNotContainKey("name").containsEntry("version", 3L);

        String unknown = "customer-" + UUID.randomUUID();
        assertThat(writes.eraseOnce("replicas", unknown, "JS-NJ-01", 4, Update::new, "version")).isTrue();
        assertThat(mongo.findById(unknown, Document.class, "replicas")).containsEntry("branchId", "JS-NJ-01")
                .containsEntry("erased", true).containsEntry("version", 4L);
    }

    @Test
    @DisplayName("per-partition high-water mark: an offset is applied once, a replayed one is refused, a newer one applies")
    void partitionHighWaterMark() {
        String id = "rollup-" + UUID.randomUUID();
        String mark = "offsets.sales_sale_events-1";
        assertThat(writes.applyIfNewer("rollups", id, mark, 10, new Update().inc("sales", 1))).isTrue();
        assertThat(writes.applyIfNewer("rollups", id, mark, 10, new Update().inc("sales", 1))).isFalse();
        assertThat(writes.applyIfNewer("rollups", id, mark, 9, new Update().inc("sales", 1))).isFalse();
        assertThat(writes.applyIfNewer("rollups", id, "offsets.sales_sale_events-2", 3, new Update().inc("sales", 1))).isTrue();
        assertThat(writes.applyIfNewer("rollups", id, mark, 11, new Update().inc("sales", 1))).isTrue();
        assertThat(mongo.findById(id, Document.class, "rollups").getInteger("sales")).isEqualTo(3);
    }

    @Test
    @DisplayName("guarded writes also apply to a document written before revisions existed, and once to concurrent copies of one event")
    void legacyDocumentAndConcurrentCopies() throws Exception {
        String id = "replica-" + UUID.randomUUID();
        mongo.insert(new Document("_id", id).append("name", "old").append("version", 1), "legacy_replica");
        assertThat(writes.applyIfNewer("legacy_replica", id, "version", 2, new Update().set("name", "new"))).isTrue();
        assertThat(mongo.findById(id, Document.class, "legacy_replica").getString("name")).isEqualTo("new");

        String counter = "counter-" + UUID.randomUUID();
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> writes.applyOnce("guarded", counter, "the-same-event", new Update().inc("n", 1))));
        }
        long applied = copies.stream().map(java.util.concurrent.CompletableFuture::join).filter(b -> b).count();
        assertThat(applied).isEqualTo(1);
        assertThat(mongo.findById(counter, Document.class, "guarded").getInteger("n")).isEqualTo(1);
    }

    @Test
    @DisplayName("issue 10: a guarded write reads and writes by key only, so its cost does not grow with the collection")
    void guardedWritesAreKeyed() {
        java.util.List<Document> filler = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            filler.add(new Document("_id", "filler-" + i).append("version", 1).append(IdempotentWrites.REVISION, 1));
        }
        String collection = "keyed_" + UUID.randomUUID().toString().replace("-", "");
        mongo.insert(filler, collection);
        try (org.dealerplatform.test.MongoCommands commands = org.dealerplatform.test.MongoCommands.watch(mongoUri)) {
            IdempotentWrites watched = new IdempotentWrites(commands.template());
            watched.applyIfNewer(collection, "filler-7", "version", 2, new Update().set("seen", true)); // creates the index
            commands.clear();

            assertThat(watched.applyIfNewer(collection, "filler-8", "version", 2, new Update().set("seen", true))).isTrue();
            assertThat(watched.applyIfNewer(collection, "filler-8", "version", 2, new Update().set("seen", false))).isFalse();
            assertThat(watched.applyOnce(collection, "filler-9", "e-1", new Update().set("seen", true))).isTrue();

            assertThat(commands.to(collection)).isNotEmpty().allSatisfy(sent -> assertThat(sent.filterKeys())
                    .as(sent.name() + " must use the _id or the unique {_id, rev} index")
                    .isIn(java.util.List.of("_id"), java.util.List.of("_id", IdempotentWrites.REVISION)));
        }
        assertThat(mongo.findById("filler-8", Document.class, collection).getBoolean("seen")).isTrue();
    }
}
