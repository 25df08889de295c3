package org.dealerplatform.notification;

import java.util.function.Function;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Conditional single-document writes whose cost does not grow with the collection, for keyed documents (one per
 * customer, per vehicle...). The embedded MongoDB-wire server answers a query from an index only when the query's keys
 * EQUAL a unique index's keys ({@code {_id}}, or {@code {_id, rev}} declared here); a guard such as {@code {_id, x: {$ne:
 * ..}}} or {@code {_id, $or: [...]}} scans the whole collection. So the guard is evaluated in Java on the document read
 * by {@code _id}, and the write is a compare-and-set on {@code {_id, rev}}: one lookup and one indexed write, retried if
 * another writer came first.
 */
@Component
public class KeyedDocuments {

    /** The revision field of every document written through here. */
    public static final String REV = "rev";
    private static final int MAX_ATTEMPTS = 50;

    private final MongoTemplate mongo;

    public KeyedDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Declares the {@code {_id, rev}} unique index the compare-and-set needs; call once per collection at start. */
    public void prepare(String collection) {
        mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC).on(REV, Sort.Direction.ASC)
                .unique().named("id_rev"));
    }

    /**
     * Applies the update that {@code change} derives from the current document {@code id} (null when there is none;
     * then the update creates it). {@code change} returns null when nothing is to be written (e.g. the event was applied
     * before). Returns whether a write happened. {@code change} may run more than once under contention.
     */
    public boolean update(String collection, String id, Function<Document, Update> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document current = mongo.findById(id, Document.class, collection);
            Update update = change.apply(current);
            if (update == null) {
                return false;
            }
            Object rev = current == null ? null : current.get(REV);
            long next = rev instanceof Number number ? number.longValue() + 1 : 1;
            update.set(REV, next);
            // {_id, rev} equals the unique index's keys: a lookup, not a scan. A missing document (or one written before
            // revisions existed) has rev null: the upsert inserts it, and a concurrent insert makes it clash on _id.
            Query expected = Query.query(Criteria.where("_id").is(id).and(REV).is(rev));
            try {
                if (current == null) {
                    mongo.upsert(expected, update, collection);
                    return true;
                }
                if (mongo.updateFirst(expected, update, collection).getModifiedCount() == 1) {
                    return true;
                }
            } catch (DuplicateKeyException concurrentInsert) {
                // someone created it first: read it again
            }
        }
        throw new org.springframework.dao.OptimisticLockingFailureException(
                "document " + id + " in " + collection + " kept changing while being written");
    }
}
