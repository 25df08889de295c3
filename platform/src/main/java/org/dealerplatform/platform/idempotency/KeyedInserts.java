package org.dealerplatform.platform.idempotency;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * REL-7 for records that are not outbox aggregates (leads, visits, import jobs): the record's id comes from the key
 * ({@link IdempotencyKey#aggregateId()}), and the key is kept in the record's own document ({@code idempotencyKeys}),
 * written by the same single-document insert. A retry's insert hits the {@code _id} index and is answered with the
 * record the first request made; the same key with another request is refused ({@link IdempotencyKeyReusedException}).
 */
public final class KeyedInserts {

    /** The field of the document that keeps the keyed requests, as aggregates keep theirs. */
    public static final String FIELD = "idempotencyKeys";

    private KeyedInserts() {
    }

    /** What an insert did: the record stored, and whether it was made by an earlier request with the same key. */
    public record Result<T>(T record, boolean replayed) {
    }

    /** Inserts {@code record} (its id taken from the key by the caller), or answers the one an earlier retry made. */
    public static <T> Result<T> insertOnce(MongoTemplate mongo, T record, Object id, String collection, Class<T> type,
            IdempotencyKey key) {
        if (key == null) {
            mongo.insert(record, collection);
            return new Result<>(record, false);
        }
        T earlier = earlier(mongo, id, collection, type, key);
        if (earlier != null) {
            return new Result<>(earlier, true);
        }
        Document document = new Document();
        mongo.getConverter().write(record, document);
        document.put(FIELD, List.of(toDocument(KeptRequest.of(key))));
        try {
            mongo.insert(document, collection);
            return new Result<>(record, false);
        } catch (DuplicateKeyException raced) {
            T first = earlier(mongo, id, collection, type, key);
            if (first == null) {
                throw raced;
            }
            return new Result<>(first, true);
        }
    }

    /**
     * Replaces a record's document as {@link MongoTemplate#save} does, keeping the keyed requests it holds, so a retry of
     * its creation within {@link IdempotencyKey#RETENTION} is still recognised after the record changed.
     */
    public static void save(MongoTemplate mongo, Object record, Object id, String collection) {
        save(mongo, record, id, collection, null);
    }

    /**
     * {@link #save(MongoTemplate, Object, Object, String)} for a change made under {@code key}: the key joins the kept
     * requests in the same single-document write, so {@link #alreadyApplied} answers its retry.
     */
    public static void save(MongoTemplate mongo, Object record, Object id, String collection, IdempotencyKey key) {
        Document document = new Document();
        mongo.getConverter().write(record, document);
        List<KeptRequest> kept = kept(mongo, id, collection);
        List<KeptRequest> next = KeptRequests.with(kept, key);
        if (next != null && !next.isEmpty()) {
            document.put(FIELD, next.stream().map(KeyedInserts::toDocument).toList());
        }
        mongo.save(document, collection);
    }

    /**
     * REL-7 for a command on an existing record: whether a request with this key was applied to record {@code id}
     * already (its retry is then answered from the record as it is); the same key with another request is refused.
     */
    public static boolean alreadyApplied(MongoTemplate mongo, Object id, String collection, IdempotencyKey key) {
        return key != null && KeptRequests.applied(kept(mongo, id, collection), key);
    }

    private static List<KeptRequest> kept(MongoTemplate mongo, Object id, String collection) {
        Query keysOnly = Query.query(Criteria.where("_id").is(id));
        keysOnly.fields().include(FIELD);
        Document stored = mongo.findOne(keysOnly, Document.class, collection);
        return stored == null ? new ArrayList<>() : kept(stored);
    }

    private static List<KeptRequest> kept(Document stored) {
        List<KeptRequest> kept = new ArrayList<>();
        List<Document> documents = stored.getList(FIELD, Document.class);
        if (documents != null) {
            documents.forEach(d -> kept.add(new KeptRequest(d.getString("subject"), d.getString("key"),
                    d.getString("fingerprint"), d.getDate("at").toInstant())));
        }
        return kept;
    }

    /** The record an earlier request with this key made, if any; the same key with another request is refused. */
    public static <T> java.util.Optional<T> createdBy(MongoTemplate mongo, Object id, String collection, Class<T> type,
            IdempotencyKey key) {
        return key == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(earlier(mongo, id, collection, type, key));
    }

    private static <T> T earlier(MongoTemplate mongo, Object id, String collection, Class<T> type, IdempotencyKey key) {
        Document stored = mongo.findById(id, Document.class, collection);
        if (stored == null) {
            return null;
        }
        if (!KeptRequests.applied(kept(stored), key)) {
            throw new IdempotencyKeyReusedException(key.key());
        }
        return mongo.getConverter().read(type, stored);
    }

    private static Document toDocument(KeptRequest request) {
        return new Document("subject", request.subject()).append("key", request.key())
                .append("fingerprint", request.fingerprint()).append("at", Date.from(request.at()));
    }
}
