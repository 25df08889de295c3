package org.dealerplatform.aftersales.vehicle.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Vehicles with a reminder pending, by due day (AFT-3, issue 10), so the reminder sweep reads only the days it
 * sweeps: a million stored vehicles cost the sweep nothing but the due ones, on the embedded server too, which has no
 * secondary indexes (every lookup here is by {@code _id}).
 *
 * <ul>
 * <li>{@code vehicle_due_days}: per day {@value #SHARDS} bucket documents {@code <day>#<shard>} listing VINs;</li>
 * <li>{@code vehicle_due_cursor}: one document, {@code from} = the earliest day that may still hold an entry, and
 * {@code built} once the index holds every vehicle (a database from before the index is indexed once, by a scan).</li>
 * </ul>
 *
 * Entries are announced <em>before</em> the vehicle is written, like the outbox's hints: a failed write leaves a stale
 * entry, never a missing one, and the sweep checks each entry against the vehicle and drops it when it no longer
 * matches. Every announcement lowers {@code from} if needed and bumps {@code rev}; the sweep moves {@code from} forward
 * only if {@code rev} did not change meanwhile, so an entry announced during a sweep is never left below the cursor.
 */
public final class DueDateIndex {

    static final String DAYS = "vehicle_due_days";
    static final String CURSOR = "vehicle_due_cursor";
    static final int SHARDS = 8;
    private static final String CURSOR_ID = "cursor";

    /** Where the sweep starts: {@code from} (null when nothing is pending), whether the index is complete, its revision. */
    public record Cursor(LocalDate from, boolean built, long rev) {
    }

    private final MongoTemplate mongo;

    public DueDateIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Lists the vehicles with a reminder pending under their due day; the others need no entry (stale ones are dropped by the sweep). */
    public void announce(Collection<ServicedVehicle> vehicles) {
        Map<String, LocalDate> due = new java.util.LinkedHashMap<>();
        for (ServicedVehicle vehicle : vehicles) {
            if (vehicle.reminderPending() && vehicle.nextDueDate() != null) {
                due.put(vehicle.id(), vehicle.nextDueDate());
            }
        }
        announce(due);
    }

    /** Lists each VIN under its due day. */
    void announce(Map<String, LocalDate> dueByVin) {
        Map<String, Set<String>> byBucket = new TreeMap<>();
        LocalDate earliest = null;
        for (Map.Entry<String, LocalDate> entry : dueByVin.entrySet()) {
            byBucket.computeIfAbsent(bucket(entry.getValue(), entry.getKey()), k -> new LinkedHashSet<>()).add(entry.getKey());
            earliest = earliest == null || entry.getValue().isBefore(earliest) ? entry.getValue() : earliest;
        }
        if (earliest == null) {
            return;
        }
        if (byBucket.size() == 1) {
            var entry = byBucket.entrySet().iterator().next();
            mongo.upsert(byId(entry.getKey()), new Update().addToSet("vins").each(entry.getValue().toArray()), DAYS);
        } else {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DAYS);
            byBucket.forEach((id, vins) -> bulk.upsert(byId(id), new Update().addToSet("vins").each(vins.toArray())));
            bulk.execute();
        }
        mongo.upsert(byId(CURSOR_ID), new Update().min("from", earliest.toString()).inc("rev", 1), CURSOR);
    }

    /** A new database needs no build: with no vehicle stored yet, the index is complete from the start. */
    void markBuiltIfNoVehicles(String vehicles) {
        if (mongo.findById(CURSOR_ID, Document.class, CURSOR) == null
                && mongo.getCollection(vehicles).find().limit(1).first() == null) {
            markBuilt();
        }
    }

    public Cursor cursor() {
        Document cursor = mongo.findById(CURSOR_ID, Document.class, CURSOR);
        if (cursor == null) {
            return new Cursor(null, false, 0);
        }
        String from = cursor.getString("from");
        Number rev = (Number) cursor.get("rev");
        return new Cursor(from == null ? null : LocalDate.parse(from), Boolean.TRUE.equals(cursor.getBoolean("built")),
                rev == null ? 0 : rev.longValue());
    }

    /** The VINs listed under a day (possibly stale: check each against its vehicle). */
    public List<String> vinsDueOn(LocalDate day) {
        List<String> ids = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            ids.add(day + "#" + shard);
        }
        List<String> vins = new ArrayList<>();
        for (Document bucket : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, DAYS)) {
            List<?> listed = bucket.getList("vins", Object.class, List.of());
            for (Object vin : listed) {
                vins.add((String) vin);
            }
        }
        return vins;
    }

    /** Takes VINs off a day (reminded, or no longer due that day). */
    public void remove(LocalDate day, Collection<String> vins) {
        Map<String, List<String>> byBucket = new TreeMap<>();
        for (String vin : vins) {
            byBucket.computeIfAbsent(bucket(day, vin), k -> new ArrayList<>()).add(vin);
        }
        byBucket.forEach((id, listed) -> mongo.updateFirst(byId(id), new Update().pullAll("vins", listed.toArray()), DAYS));
    }

    /**
     * Moves the start of the next sweep to {@code from}, unless an entry was announced since {@code seen} was read;
     * then the cursor stays where it is and the next sweep merely looks at a few more days.
     */
    public boolean advance(Cursor seen, LocalDate from) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(CURSOR_ID).and("rev").is(seen.rev())),
                new Update().set("from", from.toString()).inc("rev", 1), CURSOR).getMatchedCount() == 1;
    }

    /** Marks the index complete, after {@link #announce} was called for every stored vehicle (the one-time build). */
    void markBuilt() {
        mongo.upsert(byId(CURSOR_ID), new Update().set("built", true).inc("rev", 1), CURSOR);
    }

    static String bucket(LocalDate day, String vin) {
        return day + "#" + Math.floorMod(vin.hashCode(), SHARDS);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
