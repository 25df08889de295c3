package org.dealerplatform.platform.consumer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
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
        update.set(markField, value);
        return applyGuarded(collection, id, current -> current == null || mark(current, markField) < value, update);
    }

    /**
     * {@link #applyIfNewer}, and never once document {@code id} is marked {@link #ERASED} (SEC-9): a replica of personal
     * data takes no event after the customer's erasure, so a late or replayed one cannot bring the data back.
     */
    public boolean applyIfNewerUnlessErased(String collection, Object id, String markField, long value, Update update) {
        update.set(markField, value);
        return applyGuarded(collection, id, current -> current == null
                || !isErased(current) && mark(current, markField) < value, update);
    }

    /**
     * SEC-9 (PIPL): marks replica {@code id} {@link #ERASED} once, with the update {@code blanking} makes (the personal
     * fields unset); each of {@code markFields} is raised to at least {@code version}, and the replica created with
     * {@code branchId} when it did not exist yet. Nothing is written when it is erased already (a redelivery).
     */
    public boolean eraseOnce(String collection, Object id, String branchId, long version, Supplier<Update> blanking,
            String... markFields) {
        return change(collection, id, current -> {
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
