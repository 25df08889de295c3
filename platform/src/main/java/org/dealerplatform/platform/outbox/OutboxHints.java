package org.dealerplatform.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The pointer collection of aggregates that may have unpublished events, so the relay's poll reads a small hot set
 * instead of scanning every aggregate collection (whose size grows with the business).
 *
 * <p>A store <em>announces</em> the version it is about to commit BEFORE its single-document write: an idempotent
 * upsert of {@code {_id: collection:aggregateId}} with {@code $max version}. A crash after the announcement and before
 * (or after) the commit leaves the hint, so no committed event can be stranded. The relay settles a hint only when the
 * aggregate it read, after publishing and removing its events, is at or past the announced version: it deletes the
 * hint by {@code _id} and that exact version, so a writer that announced a newer version in the meantime keeps it (any
 * commit still to come needs a version above the one read).
 */
final class OutboxHints {

    static final String COLLECTION = "outbox_hints";
    static final String AGGREGATE_COLLECTION = "collection";
    static final String AGGREGATE_ID = "aggregateId";
    static final String VERSION = "version";
    static final String AT = "at";

    private final MongoTemplate mongo;

    OutboxHints(MongoTemplate mongo) {
        this.mongo = mongo;
        // the settling delete {_id, version} equals this index's keys, so the embedded server uses it instead of a scan
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on(VERSION, Sort.Direction.ASC)
                .unique().named("id_version"));
        // real MongoDB: the poll filters by collection (the embedded server scans this small collection instead)
        mongo.indexOps(COLLECTION).createIndex(new Index().on(AGGREGATE_COLLECTION, Sort.Direction.ASC)
                .named("by_collection"));
    }

    static String id(String collection, Object aggregateId) {
        return collection + ":" + aggregateId;
    }

    /** Announces that {@code collection}/{@code aggregateId} is about to commit events at {@code version}. */
    void announce(String collection, Object aggregateId, long version) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(collection, aggregateId))),
                announcement(collection, aggregateId, version), COLLECTION);
    }

    /** {@link #announce} for many aggregates of one collection, in one unordered bulk write. */
    void announceAll(String collection, Collection<?> aggregateIds, long version) {
        if (aggregateIds.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Object aggregateId : aggregateIds) {
            bulk.upsert(Query.query(Criteria.where("_id").is(id(collection, aggregateId))),
                    announcement(collection, aggregateId, version));
        }
        bulk.execute();
    }

    private static Update announcement(String collection, Object aggregateId, long version) {
        return new Update().set(AGGREGATE_COLLECTION, collection).set(AGGREGATE_ID, aggregateId)
                .set(AT, new Date()).max(VERSION, version);
    }

    /** The next page of hints of the given collections, in {@code _id} order after {@code after}. */
    List<Document> page(List<String> collections, String after, int limit) {
        Query query = Query.query(Criteria.where(AGGREGATE_COLLECTION).in(collections).and("_id").gt(after))
                .with(Sort.by("_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION);
    }

    /** The hints of the given aggregates (an {@code _id $in} lookup). */
    List<Document> of(String collection, Collection<?> aggregateIds) {
        List<String> ids = new ArrayList<>(aggregateIds.size());
        aggregateIds.forEach(aggregateId -> ids.add(id(collection, aggregateId)));
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION);
    }

    /**
     * Deletes each hint whose aggregate was read at or past the announced version (with all its events published), or
     * whose aggregate does not exist although it was announced longer than {@code grace} ago (an insert that failed).
     *
     * @param versionsRead the version each aggregate was read at, keyed by hint id; absent if it does not exist
     */
    void settle(List<Document> hints, Map<String, Long> versionsRead, Instant now, Duration grace) {
        BulkOperations bulk = null;
        for (Document hint : hints) {
            Number announced = hint.get(VERSION, Number.class);
            long version = announced == null ? 0 : announced.longValue();
            Long read = versionsRead.get(hint.getString("_id"));
            boolean settled;
            if (read == null) {
                Date at = hint.getDate(AT);
                settled = at == null || at.toInstant().isBefore(now.minus(grace));
            } else {
                settled = read >= version;
            }
            if (settled) {
                if (bulk == null) {
                    bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
                }
                bulk.remove(Query.query(Criteria.where("_id").is(hint.get("_id")).and(VERSION).is(announced)));
            }
        }
        if (bulk != null) {
            bulk.execute();
        }
    }
}
