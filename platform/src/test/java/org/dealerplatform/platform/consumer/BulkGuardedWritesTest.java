package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites.Change;
import org.dealerplatform.platform.events.RejectedEventException;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** Issue 10: {@link IdempotentWrites#applyAll} (a poll's guarded writes in one bulk) equals {@link IdempotentWrites#apply} of each in turn. */
@ServiceTest
class BulkGuardedWritesTest {

    static final String COLLECTION = "bulk-replicas";

    @Autowired
    IdempotentWrites writes;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("issue 10 SEC-9 a bulk of replica changes (a customer twice, older versions, erased customers, consent marks) leaves what one change at a time leaves")
    void bulkEqualsOneAtATime() {
        String run = UUID.randomUUID().toString();
        String one = "one-" + run + "-";
        String bulk = "bulk-" + run + "-";
        stored(one);
        stored(bulk);

        List<Boolean> appliedOne = new ArrayList<>();
        for (Change change : changes(one)) {
            appliedOne.add(writes.apply(COLLECTION, change));
        }
        List<Boolean> appliedBulk = writes.applyAll(COLLECTION, changes(bulk));

        assertThat(appliedBulk).isEqualTo(appliedOne);
        assertThat(appliedBulk).contains(true, false);
        Map<String, Document> expected = documents(one);
        assertThat(documents(bulk)).isEqualTo(expected);
        // the rules themselves, not only the sameness
        assertThat(expected.get("a")).containsEntry("name", "A v2").containsEntry("version", 2L)
                .containsEntry("preferencesVersion", 2L).containsEntry("consents", new Document("SMS", true));
        assertThat(expected.get("b")).containsEntry("name", "B v6").containsEntry("version", 6L);
        assertThat(expected.get("c")).containsEntry("erased", true).doesNotContainKey("name");
        assertThat(expected.get("d")).containsEntry("erased", true).containsEntry("version", 4L)
                .doesNotContainKeys("name", "mobile", "branchId"); // $setOnInsert: d existed when it was erased
        assertThat(expected.get("e")).containsEntry("name", "E").containsEntry("branchId", "JS-SZ-01");
    }

    @Test
    @DisplayName("issue 10 a bulk whose document another writer changed meanwhile fails, and applying its changes one at a time completes it")
    void concurrentWriterFailsTheBulk() {
        String id = "raced-" + UUID.randomUUID();
        String other = "calm-" + UUID.randomUUID();
        writes.applyIfNewerUnlessErased(COLLECTION, id, "version", 1, new Update().set("name", "v1"));
        List<Change> changes = List.of(
                new Change(id, current -> {
                    // another writer moves the document between the bulk's read and its write
                    writes.applyIfNewerUnlessErased(COLLECTION, id, "version", 2, new Update().set("name", "v2"));
                    return current == null || IdempotentWrites.mark(current, "version") < 3
                            ? new Update().set("name", "v3").set("version", 3L) : null;
                }),
                IdempotentWrites.ifNewerUnlessErased(other, "version", 1, new Update().set("name", "calm")));

        assertThatThrownBy(() -> writes.applyAll(COLLECTION, changes)).isInstanceOf(OptimisticLockingFailureException.class);
        changes.forEach(change -> writes.apply(COLLECTION, change));
        assertThat(mongo.findById(id, Document.class, COLLECTION)).containsEntry("name", "v3").containsEntry("version", 3L);
        assertThat(mongo.findById(other, Document.class, COLLECTION)).containsEntry("name", "calm");

        // a document created by another writer between the read and the bulk's insert fails the bulk too
        String created = "created-" + UUID.randomUUID();
        List<Change> creating = List.of(
                new Change(created, current -> {
                    writes.applyIfNewerUnlessErased(COLLECTION, created, "version", 7, new Update().set("name", "v7"));
                    return current == null ? new Update().set("name", "v1").set("version", 1L) : null;
                }),
                IdempotentWrites.ifNewerUnlessErased(other, "version", 2, new Update().set("name", "calm v2")));
        assertThatThrownBy(() -> writes.applyAll(COLLECTION, creating)).isInstanceOf(OptimisticLockingFailureException.class);
        creating.forEach(change -> writes.apply(COLLECTION, change));
        assertThat(mongo.findById(created, Document.class, COLLECTION)).containsEntry("name", "v7").containsEntry("version", 7L);
        assertThat(mongo.findById(other, Document.class, COLLECTION)).containsEntry("name", "calm v2");
    }

    @Test
    @DisplayName("issue 10 REL-1 a change without a document id is refused for good; an operator a bulk cannot merge fails before any write")
    void refusedChanges() {
        assertThatThrownBy(() -> IdempotentWrites.ifNewerUnlessErased(" ", "version", 1, new Update().set("name", "x")))
                .isInstanceOf(RejectedEventException.class);
        String id = "inc-" + UUID.randomUUID();
        assertThatThrownBy(() -> writes.applyAll(COLLECTION, List.of(
                IdempotentWrites.ifNewer(id + "-a", "version", 1, new Update().set("name", "a")),
                new Change(id, current -> new Update().inc("n", 1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(mongo.findById(id + "-a", Document.class, COLLECTION)).isNull();
    }

    /** Before the poll: b at version 5, c erased, e unknown. */
    private void stored(String prefix) {
        writes.applyIfNewerUnlessErased(COLLECTION, prefix + "b", "version", 5, new Update().set("name", "B v5"));
        writes.applyIfNewerUnlessErased(COLLECTION, prefix + "c", "version", 1, new Update().set("name", "C"));
        writes.eraseOnce(COLLECTION, prefix + "c", "JS-NJ-01", 2, () -> new Update().unset("name"), "version");
    }

    /** One poll's changes, as the replicas make them. */
    private static List<Change> changes(String prefix) {
        return List.of(
                IdempotentWrites.ifNewerUnlessErased(prefix + "a", "version", 1, new Update().set("name", "A v1")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "a", "preferencesVersion", 1,
                        new Update().set("consents", new Document("SMS", false)).setOnInsert("branchId", "JS-NJ-01")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "a", "version", 2, new Update().set("name", "A v2")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "a", "version", 1, new Update().set("name", "A v1 again")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "a", "preferencesVersion", 2,
                        new Update().set("consents", new Document("SMS", true)).setOnInsert("branchId", "JS-XX-01")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "b", "version", 3, new Update().set("name", "B v3")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "b", "version", 6, new Update().set("name", "B v6")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "c", "version", 9, new Update().set("name", "C is back")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "d", "version", 4,
                        new Update().set("name", "D").set("mobile", "13800000000")),
                IdempotentWrites.erasure(prefix + "d", "JS-NJ-01", 3, () -> new Update().unset("name").unset("mobile"),
                        "version"),
                IdempotentWrites.ifNewerUnlessErased(prefix + "d", "version", 5, new Update().set("name", "D is back")),
                IdempotentWrites.erasure(prefix + "d", "JS-NJ-01", 5, () -> new Update().unset("name"), "version"),
                IdempotentWrites.ifNewer(prefix + "e", "classVersion", 1,
                        new Update().set("customerClass", "VIP").setOnInsert("branchId", "JS-SZ-01")),
                IdempotentWrites.ifNewerUnlessErased(prefix + "e", "version", 1,
                        new Update().set("name", "E").set("branchId", "JS-SZ-01")));
    }

    /** The documents of one prefix, keyed by the id without it, without the compare-and-set revision. */
    private Map<String, Document> documents(String prefix) {
        Map<String, Document> documents = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c", "d", "e")) {
            Document document = mongo.findById(prefix + id, Document.class, COLLECTION);
            assertThat(document).as(id).isNotNull();
            document.remove("_id");
            document.remove(IdempotentWrites.REVISION);
            documents.put(id, document);
        }
        return documents;
    }
}
