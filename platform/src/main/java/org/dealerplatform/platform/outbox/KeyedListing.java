package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issue 10: the ids of a growing collection's records listed under the value of one of their fields (a customer's
 * visits, vehicles, purchases), one document per value in collection {@code <records>_by_<field>} ({@code _id} = the
 * value, {@code ids} = the records' ids). Finding a value's records is then one {@code _id} read and {@code _id $in}
 * reads, also on the embedded server, which answers a query on the field itself by scanning every record (a real
 * MongoDB keeps its secondary index on the field as well).
 *
 * <p>Entries are announced <em>before</em> the record is written, like the outbox's hints: a crash between the two, or a
 * record moved to another value since, leaves a stale entry, never a missing one. {@link #recordsOf} checks each record
 * against the value and takes stale entries off. A database from before the listing is listed once, by one scan, when
 * its store starts ({@link #buildOnce}); a new database needs no scan.
 */
public final class KeyedListing {

    /** The listing's own marker document: the listing holds every record written before it existed. */
    static final String BUILT = "#built";
    /** The embedded server's {@code $in} costs k² (issue 10): records are read in batches of this many. */
    static final int IN_BATCH = 100;

    private final MongoTemplate mongo;
    private final String records;
    private final String field;
    private final String collection;

    public KeyedListing(MongoTemplate mongo, String records, String field) {
        this.mongo = mongo;
        this.records = records;
        this.field = field;
        this.collection = records + "_by_" + field;
    }

    /** The listing's collection, {@code <records>_by_<field>}. */
    public String collection() {
        return collection;
    }

    /** Lists record {@code id} under {@code value} (nothing for a null value); call it before the record is written. */
    public void announce(String value, String id) {
        if (value != null) {
            mongo.upsert(byId(value), new Update().addToSet("ids", id), collection);
        }
    }

    /** {@link #announce} for many records at once: one bulk. */
    public void announceAll(Map<String, ? extends Collection<String>> idsByValue) {
        BulkOperations bulk = null;
        for (Map.Entry<String, ? extends Collection<String>> entry : idsByValue.entrySet()) {
            if (entry.getKey() == null || entry.getValue().isEmpty()) {
                continue;
            }
            bulk = bulk == null ? mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection) : bulk;
            bulk.upsert(byId(entry.getKey()), new Update().addToSet("ids").each(entry.getValue().toArray()));
        }
        if (bulk != null) {
            bulk.execute();
        }
    }

    /** The ids listed under {@code value}, possibly stale (records since moved to another value). */
    public List<String> idsOf(String value) {
        Document listed = value == null ? null : mongo.findById(value, Document.class, collection);
        return listed == null ? List.of() : listed.getList("ids", String.class, List.of());
    }

    /**
     * The records whose {@code field} is {@code value} now, read by {@code _id} (in batches of {@value #IN_BATCH}), in
     * the listing's order; entries whose record is gone or holds another value are taken off the listing.
     */
    public List<Document> recordsOf(String value) {
        List<String> ids = idsOf(value);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Document> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
            for (Document record : mongo.find(Query.query(Criteria.where("_id").in(batch)), Document.class, records)) {
                found.put(String.valueOf(record.get("_id")), record);
            }
        }
        List<Document> current = new ArrayList<>(ids.size());
        Set<String> stale = new LinkedHashSet<>();
        for (String id : ids) {
            Document record = found.get(id);
            if (record != null && Objects.equals(value, record.get(field))) {
                current.add(record);
            } else {
                stale.add(id);
            }
        }
        if (!stale.isEmpty()) {
            mongo.updateFirst(byId(value), new Update().pullAll("ids", stale.toArray()), collection);
        }
        return current;
    }

    /**
     * Lists every record of a database from before the listing, once: one scan of the records (only {@code _id} and
     * the field), then the marker; a listing marked built, or a database with no records yet, costs one read.
     * Records written meanwhile announce themselves, so a concurrent write is listed either way.
     */
    public void buildOnce() {
        if (mongo.findById(BUILT, Document.class, collection) != null) {
            return;
        }
        if (mongo.getCollection(records).find().limit(1).first() != null) {
            Query all = new Query();
            all.fields().include("_id").include(field);
            Map<String, List<String>> byValue = new HashMap<>();
            mongo.stream(all, Document.class, records).forEach(record -> {
                Object value = record.get(field);
                if (value instanceof String key) {
                    byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(String.valueOf(record.get("_id")));
                    if (byValue.size() == 1_000) {
                        announceAll(byValue);
                        byValue.clear();
                    }
                }
            });
            announceAll(byValue);
        }
        mongo.upsert(byId(BUILT), new Update().set("built", true), collection);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
