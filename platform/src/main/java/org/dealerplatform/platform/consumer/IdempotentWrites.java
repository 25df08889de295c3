package org.dealerplatform.platform.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.dealerplatform.platform.events.RejectedEventException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies the effect of an event at most once, however often Kafka delivers it, with single-document conditional
 * writes:
 * <ul>
 * <li>{@link #insertOnce}: an insert keyed by the business reason ({@code _id = "maintenance-due:<vin>:<dueDate>"});</li>
 * <li>{@link #applyOnce}: an update guarded by the array of applied event ids;</li>
 * <li>{@link #applyIfNewer}: an update guarded by a high-water mark, a per-partition offset for counters and roll-ups
 * ({@code offsets.<p> < o}) or an aggregate version for replicas ("apply only if newer").</li>
 * </ul>
 * Each returns whether the effect was applied now ({@code false}: it had been applied before).
 *
 * <p>Replicas of a customer's personal data also refuse every event after the customer's erasure (SEC-9), so that a
 * late or replayed event cannot bring the data back: {@link #applyIfNewerUnlessErased} and {@link #eraseOnce}.
 *
 * <p>Flat cost as data grows: the embedded MongoDB-wire server uses an index only when a query's keys equal the index's
 * keys, so a guard in the filter ({@code _id} plus {@code $or} / {@code $ne}) would scan the whole collection on every
 * event. The guards are therefore checked on the document read by {@code _id}, and the write is a compare-and-set on
 * {@code {_id, rev}}, a unique index every guarded collection gets: a concurrent writer moves {@code rev} and the
 * write is retried. The same two point operations on a real MongoDB.
 *
 * <p>All events recorded by one save carry the same aggregate version. A projection fed by several event types of
 * one aggregate therefore keeps one version mark per aspect it projects (e.g. {@code version} for the contact details,
 * {@code preferencesVersion} for the consent), or the second event of a save would be refused as "not newer".
 */
public class IdempotentWrites {

    /** How many applied event ids a document remembers for {@link #applyOnce}. */
    public static final int APPLIED_EVENTS_KEPT = 100;
    /** The compare-and-set revision of a guarded document. */
    public static final String REVISION = "rev";
    static final int ATTEMPTS = 50;
    /** SEC-9: the field that marks a replica whose customer's personal data were erased, for good. */
    public static final String ERASED = "erased";

    private final MongoTemplate mongo;
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    public IdempotentWrites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Inserts the document unless one with the same {@code _id} (the reason key) exists. */
    public boolean insertOnce(String collection, Document document) {
        if (document.get("_id") == null) {
            throw new IllegalArgumentException("a reason-keyed insert needs an _id");
        }
        try {
            mongo.insert(document, collection);
            return true;
        } catch (DuplicateKeyException alreadyDone) {
            return false;
        }
    }

    /**
     * Applies {@code update} to document {@code id} (creating it if missing) unless event {@code eventId} was applied
     * to it before. The document keeps the last {@value #APPLIED_EVENTS_KEPT} applied ids in {@code appliedEvents}.
     */
    public boolean applyOnce(String collection, Object id, String eventId, Update update) {
        update.push("appliedEvents").slice(-APPLIED_EVENTS_KEPT).each(eventId);
        return applyGuarded(collection, id, current -> current == null
                || !(current.get("appliedEvents") instanceof List<?> applied && applied.contains(eventId)), update);
    }

    /**
     * Applies {@code update} to document {@code id} (creating it if missing) only if {@code value} is above the number
     * stored at {@code markField}, and stores {@code value} there. For a roll-up fed by Kafka the mark is
     * {@code offsets.<topic-partition>} and the value the record's offset; for a replica it is the aggregate version.
     */
    public boolean applyIfNewer(String collection, Object id, String markField, long value, Update update) {
        return apply(collection, ifNewer(id, markField, value, update));
    }

    /**
     * {@link #applyIfNewer}, and never once document {@code id} is marked {@link #ERASED} (SEC-9): a replica of personal
     * data takes no event after the customer's erasure, so a late or replayed one cannot bring the data back.
     */
    public boolean applyIfNewerUnlessErased(String collection, Object id, String markField, long value, Update update) {
        return apply(collection, ifNewerUnlessErased(id, markField, value, update));
    }

    /**
     * SEC-9 (PIPL): marks replica {@code id} {@link #ERASED} once, with the update {@code blanking} makes (the personal
     * fields unset); each of {@code markFields} is raised to at least {@code version}, and the replica created with
     * {@code branchId} when it did not exist yet. Nothing is written when it is erased already (a redelivery).
     */
    public boolean eraseOnce(String collection, Object id, String branchId, long version, Supplier<Update> blanking,
            String... markFields) {
        return apply(collection, erasure(id, branchId, version, blanking, markFields));
    }

    /**
     * One guarded change of document {@code id}: the update {@code change} derives from the document's current state
     * ({@code null} when there is none), or {@code null} for "nothing to do" (see {@link #change}). Build one with
     * {@link #ifNewer}, {@link #ifNewerUnlessErased} or {@link #erasure} (the rules of the single-document methods), or
     * directly; apply it with {@link #apply} or, for a poll's changes at once, {@link #applyAll}.
     */
    public record Change(Object id, Function<Document, Update> change) {

        /** A change needs the document's id: an event without one can never be applied (REL-1: dead-lettered at once). */
        public Change {
            if (id == null || id instanceof String s && s.isBlank()) {
                throw new RejectedEventException("a replica change names no document id", null);
            }
            java.util.Objects.requireNonNull(change, "change");
        }
    }

    /** {@link #applyIfNewer} as a {@link Change}: {@code update} and the mark, only if {@code value} is above the mark. */
    public static Change ifNewer(Object id, String markField, long value, Update update) {
        update.set(markField, value);
        return new Change(id, current -> current == null || mark(current, markField) < value ? update : null);
    }

    /** {@link #applyIfNewerUnlessErased} as a {@link Change}: also nothing once the document is {@link #ERASED} (SEC-9). */
    public static Change ifNewerUnlessErased(Object id, String markField, long value, Update update) {
        update.set(markField, value);
        return new Change(id, current -> current == null || !isErased(current) && mark(current, markField) < value
                ? update : null);
    }

    /** {@link #eraseOnce} as a {@link Change} (SEC-9). */
    public static Change erasure(Object id, String branchId, long version, Supplier<Update> blanking,
            String... markFields) {
        return new Change(id, current -> {
            if (current != null && isErased(current)) {
                return null;
            }
            Update update = blanking.get().set(ERASED, true);
            for (String markField : markFields) {
                update.set(markField, Math.max(version, current == null ? version : mark(current, markField)));
            }
            return update.setOnInsert("branchId", branchId);
        });
    }

    /** Applies one {@link Change} with {@link #change}: one {@code _id} read and one compare-and-set. */
    public boolean apply(String collection, Change change) {
        return change(collection, change.id(), change.change());
    }

    /**
     * Applies a poll's {@link Change}s in their order with two round trips however many there are (issue 10: a
     * 100,000-customer import reaches every replica as 100,000 events): one {@code _id $in} read of the documents they
     * name, the decisions in memory, one unordered bulk write with one operation per document: a compare-and-set
     * upsert on {@code {_id, rev}} for a stored one, an insert of the document built in memory for a new one. The outcome equals {@link #apply} of each change in turn: a change decides on the document as the
     * changes before it in the list left it (a customer twice in a poll: the second sees the first's version and
     * erasure), and the updates a document gets are merged into one, later values winning.
     *
     * <p>Supports the updates of replicas: {@code $set}, {@code $unset} and {@code $setOnInsert}, dotted paths included.
     * Throws, with nothing or some documents written, when a change uses another operator, two paths of one document
     * overlap, or another writer changed a document since it was read (its compare-and-set finds another
     * {@code rev}): every change is idempotent (its guard finds it applied), so the caller applies them again one at
     * a time ({@link EventHandlers} does for a {@link BatchHandler}: a failure then names one record, REL-1). A list of
     * one is {@link #apply}. Returns, per change, whether it was applied.
     */
    public List<Boolean> applyAll(String collection, List<Change> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        if (changes.size() == 1) {
            return List.of(apply(collection, changes.get(0)));
        }
        ensureRevisionIndex(collection);
        Set<Object> ids = new java.util.LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.id()));
        Map<Object, Document> state = new HashMap<>();
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection)) {
            state.put(document.get("_id"), document);
        }
        Map<Object, Object> revisions = new HashMap<>();
        state.forEach((id, document) -> revisions.put(id, document.get(REVISION)));
        Map<Object, MergedUpdate> merged = new LinkedHashMap<>();
        List<Boolean> applied = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Document current = state.get(change.id());
            Update update = change.change().apply(current);
            applied.add(update != null);
            if (update == null) {
                continue;
            }
            // the first write of a document not stored yet inserts it: only then does $setOnInsert apply
            boolean inserting = current == null && !merged.containsKey(change.id());
            if (current == null) {
                current = new Document("_id", change.id());
                state.put(change.id(), current);
            }
            merged.computeIfAbsent(change.id(), id -> new MergedUpdate()).add(update.getUpdateObject(), current, inserting);
        }
        if (merged.isEmpty()) {
            return applied;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        merged.forEach((id, update) -> {
            if (!revisions.containsKey(id)) {
                // not stored when read: the document the changes built in memory is inserted (cheaper than an
                // upsert); one created meanwhile by another writer makes the insert a duplicate, and the bulk fails
                Document created = new Document(state.get(id));
                created.put(REVISION, 1L);
                bulk.insert(created);
                return;
            }
            Object revision = revisions.get(id);
            long next = revision instanceof Number n ? n.longValue() + 1 : 1L;
            bulk.upsert(Query.query(Criteria.where("_id").is(id).and(REVISION).is(revision)),
                    update.toUpdate().set(REVISION, next));
        });
        com.mongodb.bulk.BulkWriteResult result;
        try {
            result = bulk.execute();
        } catch (BulkOperationException conflict) {
            throw new OptimisticLockingFailureException(conflict.getErrors().size() + " of " + merged.size()
                    + " documents of " + collection + " changed under a bulk of guarded writes", conflict);
        }
        int written = result.getInsertedCount() + result.getMatchedCount() + result.getUpserts().size();
        if (written != merged.size()) {
            throw new OptimisticLockingFailureException("a bulk of guarded writes to " + collection + " wrote "
                    + written + " of " + merged.size() + " documents");
        }
        return applied;
    }

    /**
     * The updates of one document within {@link #applyAll}, merged into one (later values win) and applied to the
     * in-memory document as they come, so the next change decides on what the ones before it left.
     */
    private static final class MergedUpdate {

        private final Map<String, Object> set = new LinkedHashMap<>();
        private final Set<String> unset = new java.util.LinkedHashSet<>();
        private final Map<String, Object> setOnInsert = new LinkedHashMap<>();

        void add(Document operations, Document current, boolean inserting) {
            for (String operator : operations.keySet()) {
                if (!operator.equals("$set") && !operator.equals("$unset") && !operator.equals("$setOnInsert")) {
                    throw new IllegalArgumentException("a bulk of guarded writes supports $set, $unset and $setOnInsert, not "
                            + operator);
                }
            }
            if (inserting && operations.get("$setOnInsert") instanceof Document onInsert) {
                onInsert.forEach((path, value) -> {
                    claim(path);
                    setOnInsert.put(path, value);
                    put(current, path, value);
                });
            }
            if (operations.get("$set") instanceof Document sets) {
                sets.forEach((path, value) -> {
                    claim(path);
                    set.put(path, value);
                    put(current, path, value);
                });
            }
            if (operations.get("$unset") instanceof Document unsets) {
                unsets.keySet().forEach(path -> {
                    claim(path);
                    unset.add(path);
                    remove(current, path);
                });
            }
        }

        /** Makes {@code path} this document's to write: an earlier write of the same path gives way, an overlapping one fails. */
        private void claim(String path) {
            set.remove(path);
            unset.remove(path);
            setOnInsert.remove(path);
            for (String other : keys()) {
                if (other.startsWith(path + ".") || path.startsWith(other + ".")) {
                    throw new IllegalStateException("overlapping paths " + other + " and " + path + " in one bulk write");
                }
            }
        }

        private List<String> keys() {
            List<String> keys = new ArrayList<>(set.keySet());
            keys.addAll(unset);
            keys.addAll(setOnInsert.keySet());
            return keys;
        }

        Update toUpdate() {
            Update update = new Update();
            set.forEach(update::set);
            unset.forEach(update::unset);
            setOnInsert.forEach(update::setOnInsert);
            return update;
        }

        private static void put(Document document, String path, Object value) {
            String[] parts = path.split("\\.");
            Document at = document;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = at.get(parts[i]);
                if (next == null) {
                    next = new Document();
                    at.put(parts[i], next);
                }
                if (!(next instanceof Document nested)) {
                    throw new IllegalStateException("path " + path + " runs through a value that is no document");
                }
                at = nested;
            }
            at.put(parts[parts.length - 1], value);
        }

        private static void remove(Document document, String path) {
            String[] parts = path.split("\\.");
            Document at = document;
            for (int i = 0; i < parts.length - 1; i++) {
                if (!(at.get(parts[i]) instanceof Document nested)) {
                    return;
                }
                at = nested;
            }
            at.remove(parts[parts.length - 1]);
        }
    }

    /** Whether the customer's personal data in this replica document were erased (SEC-9). */
    public static boolean isErased(Document replica) {
        return Boolean.TRUE.equals(replica.getBoolean(ERASED));
    }

    private boolean applyGuarded(String collection, Object id, Predicate<Document> applies, Update update) {
        return change(collection, id, current -> applies.test(current) ? update : null);
    }

    /**
     * The general form of the guarded writes: applies the update that {@code change} derives from the current document
     * {@code id} ({@code null} when there is none; the update then creates it), or nothing when {@code change} returns
     * {@code null} (e.g. the event was applied before). One {@code _id} read and one compare-and-set on
     * {@code {_id, rev}}; {@code change} runs again if another writer came first. Returns whether a write happened.
     */
    public boolean change(String collection, Object id, Function<Document, Update> change) {
        ensureRevisionIndex(collection);
        for (int attempt = 1; ; attempt++) {
            Document current = mongo.findById(id, Document.class, collection);
            Update update = change.apply(current);
            if (update == null) {
                return false;
            }
            Object revision = current == null ? null : current.get(REVISION);
            long next = revision instanceof Number n ? n.longValue() + 1 : 1L;
            Query unchanged = Query.query(Criteria.where("_id").is(id).and(REVISION).is(revision));
            try {
                UpdateResult result = mongo.upsert(unchanged, update.set(REVISION, next), collection);
                if (result.getMatchedCount() > 0 || result.getUpsertedId() != null) {
                    return true;
                }
            } catch (DuplicateKeyException movedOn) {
                // created or changed by a concurrent writer since we read it: read again and re-check
            }
            if (attempt >= ATTEMPTS) {
                throw new OptimisticLockingFailureException("document " + id + " of " + collection
                        + " kept changing under a guarded write");
            }
        }
    }

    private void ensureRevisionIndex(String collection) {
        if (indexed.add(collection)) {
            mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on(REVISION, Sort.Direction.ASC).unique().named("id_rev"));
        }
    }

    /** The number at a dotted path of {@code document}; {@link Long#MIN_VALUE} when there is none. */
    public static long mark(Document document, String path) {
        Object value = document;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Document d)) {
                return Long.MIN_VALUE;
            }
            value = d.get(part);
        }
        return value instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }
}
