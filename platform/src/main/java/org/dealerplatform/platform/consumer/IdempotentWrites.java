package org.dealerplatform.platform.consumer;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies the effect of an event at most once, however often Kafka delivers it, with one conditional write each:
 * <ul>
 * <li>{@link #insertOnce}: an insert keyed by the business reason ({@code _id = "maintenance-due:<vin>:<dueDate>"});</li>
 * <li>{@link #applyOnce}: an update guarded by {@code $ne} on an array of applied event ids;</li>
 * <li>{@link #applyIfNewer}: an update guarded by a high-water mark, a per-partition offset for counters and roll-ups
 * ({@code offsets.<p> < o}) or an aggregate version for replicas ("apply only if newer").</li>
 * </ul>
 * Each returns whether the effect was applied now ({@code false}: it had been applied before).
 *
 * <p>All events recorded by one save carry the same aggregate version. A projection fed by several event types of
 * one aggregate therefore keeps one version mark per aspect it projects (e.g. {@code version} for the contact details,
 * {@code preferencesVersion} for the consent), or the second event of a save would be refused as "not newer".
 */
public class IdempotentWrites {

    /** How many applied event ids a document remembers for {@link #applyOnce}. */
    public static final int APPLIED_EVENTS_KEPT = 100;

    private final MongoTemplate mongo;

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
        Query notYet = Query.query(Criteria.where("_id").is(id).and("appliedEvents").ne(eventId));
        update.push("appliedEvents").slice(-APPLIED_EVENTS_KEPT).each(eventId);
        return upsertGuarded(collection, notYet, update);
    }

    /**
     * Applies {@code update} to document {@code id} (creating it if missing) only if {@code value} is above the number
     * stored at {@code markField}, and stores {@code value} there. For a roll-up fed by Kafka the mark is
     * {@code offsets.<topic-partition>} and the value the record's offset; for a replica it is the aggregate version.
     */
    public boolean applyIfNewer(String collection, Object id, String markField, long value, Update update) {
        Query older = Query.query(Criteria.where("_id").is(id)
                .orOperator(Criteria.where(markField).lt(value), Criteria.where(markField).exists(false)));
        update.set(markField, value);
        return upsertGuarded(collection, older, update);
    }

    private boolean upsertGuarded(String collection, Query guard, Update update) {
        try {
            UpdateResult result = mongo.upsert(guard, update, collection);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException alreadyApplied) {
            // the document exists but the guard excluded it, so the upsert tried to insert a second one
            return false;
        }
    }
}
