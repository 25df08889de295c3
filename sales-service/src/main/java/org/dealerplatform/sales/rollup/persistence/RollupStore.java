package org.dealerplatform.sales.rollup.persistence;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.DayCell;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.sale.SalesCredit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Roll-up cells (collection {@code rollup_cells}, one document per {@link RollupCell}), day figures (collection
 * {@code rollup_days}, one per {@link DayCell}) and the per-sale record of what they contain (collection
 * {@code rollup_sales}, see {@link AppliedSale}), and the ids of the month cells of each unit and month (collection
 * {@code rollup_cells_by_unit_month}), so a breakdown reads a unit's cells by {@code _id}.
 */
@Component
public class RollupStore {

    public static final String CELLS = "rollup_cells";
    public static final String APPLIED = "rollup_sales";
    public static final String DAYS = "rollup_days";
    /** Prefixes of the cell ids a claim lists as pending (REL-2). */
    public static final String MONTH_CELL = "m:";
    public static final String DAY_CELL = "d:";
    /**
     * Issue 10: the ids of the month cells of one unit and month ({@code _id} = {@code LEVEL|unitId|month}, {@code ids}),
     * announced before a cell is written, so a listed id may lack a cell (a crash between the two), never the reverse.
     * A breakdown reads its cells through it by {@code _id}: the embedded server answers the unit-and-month query
     * ({@code unit_month} index) by scanning every cell, whose number grows with units, months, models and categories.
     */
    public static final String CELLS_BY_UNIT_MONTH = "rollup_cells_by_unit_month";
    /** The listing's marker: it holds every cell written before it existed. */
    static final String LISTING_BUILT = "#built";
    /** The embedded server's {@code $in} costs k² (issue 10): cells are read in batches of this many. */
    static final int IN_BATCH = 100;

    private final MongoTemplate mongo;

    public RollupStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(CELLS).createIndex(new Index().on("level", Sort.Direction.ASC).on("unitId", Sort.Direction.ASC)
                .on("month", Sort.Direction.ASC).named("unit_month"));
        // the per-sale claim is a compare-and-set on {_id, version}: with this index it is a point write on the embedded
        // server too, which otherwise scans every applied sale for it (issue 10: flat cost as data grows)
        mongo.indexOps(APPLIED).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC)
                .unique().named("id_version"));
        // completing or moving a claim is a compare-and-set on the whole claim {_id, version, partitionKey, offset}:
        // without an index of exactly those keys the embedded server scanned every applied sale for each (issue 10:
        // the per-event path slowed down with every sale applied)
        mongo.indexOps(APPLIED).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC)
                .on("partitionKey", Sort.Direction.ASC).on("offset", Sort.Direction.ASC).unique().named("id_claim"));
        buildListingOnce();
    }

    /**
     * Lists the cells of a database from before the unit-and-month listing, by one scan, once; a new database needs
     * no scan. Writers announce their cells from the start, so a cell written during the scan is listed either way.
     */
    private void buildListingOnce() {
        if (mongo.findById(LISTING_BUILT, Document.class, CELLS_BY_UNIT_MONTH) != null) {
            return;
        }
        if (mongo.getCollection(CELLS).find().limit(1).first() != null) {
            Query all = new Query();
            all.fields().include("_id").include("level").include("unitId").include("month");
            Map<String, List<String>> byUnitMonth = new HashMap<>();
            try (var cells = mongo.stream(all, Document.class, CELLS)) {
                cells.forEach(d -> {
                    String key = unitMonth(d);
                    if (key != null && d.get("_id") instanceof String id) {
                        byUnitMonth.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                        if (byUnitMonth.size() == 1_000) {
                            announce(byUnitMonth);
                            byUnitMonth.clear();
                        }
                    }
                });
            }
            announce(byUnitMonth);
        }
        markListingBuilt();
    }

    private void markListingBuilt() {
        mongo.upsert(Query.query(Criteria.where("_id").is(LISTING_BUILT)), new Update().set("built", true), CELLS_BY_UNIT_MONTH);
    }

    /** The listing key of a cell from the fields that describe it ({@link #describe(RollupCell)}); null if it lacks them. */
    private static String unitMonth(Document description) {
        Object level = description.get("level");
        Object unitId = description.get("unitId");
        Object month = description.get("month");
        return level == null || unitId == null || month == null ? null : level + "|" + unitId + "|" + month;
    }

    private static String unitMonth(Level level, String unitId, YearMonth month) {
        return level.name() + "|" + unitId + "|" + month;
    }

    /** Lists cell ids under their unit and month ({@code $addToSet}, one unordered bulk); before the cells are written. */
    private void announce(Map<String, ? extends Collection<String>> idsByUnitMonth) {
        BulkOperations bulk = null;
        for (Map.Entry<String, ? extends Collection<String>> entry : idsByUnitMonth.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            bulk = bulk == null ? mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CELLS_BY_UNIT_MONTH) : bulk;
            bulk.upsert(Query.query(Criteria.where("_id").is(entry.getKey())),
                    new Update().addToSet("ids").each(entry.getValue().toArray()));
        }
        if (bulk != null) {
            bulk.execute();
        }
    }

    /** {@link #announce} of month cells by id with the documents describing them. */
    private void announceDescribed(Map<String, Document> descriptionsById) {
        Map<String, List<String>> byUnitMonth = new HashMap<>();
        descriptionsById.forEach((id, description) -> {
            String key = unitMonth(description);
            if (key != null) {
                byUnitMonth.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        });
        announce(byUnitMonth);
    }

    // ---- the per-sale record -------------------------------------------------------------------------------------

    public Optional<AppliedSale> applied(String saleId) {
        return Optional.ofNullable(mongo.findById(saleId, Document.class, APPLIED)).map(RollupStore::appliedSale);
    }

    /**
     * Stores {@code next} if what is stored is still at {@code expectedVersion} ({@code null}: nothing stored yet), a
     * compare-and-set; {@code false} if someone else moved it meanwhile.
     */
    public boolean recordApplied(AppliedSale next, Long expectedVersion) {
        Document document = document(next);
        if (expectedVersion == null) {
            try {
                mongo.insert(document, APPLIED);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Update update = new Update();
        document.forEach((k, v) -> {
            if (!k.equals("_id")) {
                update.set(k, v);
            }
        });
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(next.saleId()).and("version").is(expectedVersion)),
                update, APPLIED).getMatchedCount() == 1;
    }

    /** The per-sale records of the given sales, by sale id, in one read ({@code _id $in}: the {@code _id} index). */
    public Map<String, AppliedSale> appliedAll(Collection<String> saleIds) {
        Map<String, AppliedSale> applied = new HashMap<>();
        if (saleIds.isEmpty()) {
            return applied;
        }
        mongo.find(Query.query(Criteria.where("_id").in(saleIds)), Document.class, APPLIED)
                .forEach(d -> applied.put(d.getString("_id"), appliedSale(d)));
        return applied;
    }

    /** A claim to store for a batch: the new record and the version it replaces ({@code null}: none stored yet). */
    public record Claim(AppliedSale next, Long expectedVersion) {
    }

    /**
     * Stores the claims of a batch in one unordered bulk: an insert for a sale not applied before, a compare-and-set on
     * {@code {_id, version}} (the {@code id_version} index) otherwise. Unordered is safe: each write is one sale's own
     * document. Throws if any claim was refused (a duplicate insert or a version that moved): the claims that did land
     * are ordinary claims of their records, which a retry resumes.
     */
    public void claimAll(Collection<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, APPLIED);
        int updates = 0;
        for (Claim claim : claims) {
            Document document = document(claim.next());
            if (claim.expectedVersion() == null) {
                bulk.insert(document);
            } else {
                Update update = new Update();
                document.forEach((k, v) -> {
                    if (!k.equals("_id")) {
                        update.set(k, v);
                    }
                });
                bulk.updateOne(Query.query(Criteria.where("_id").is(claim.next().saleId())
                        .and("version").is(claim.expectedVersion())), update);
                updates++;
            }
        }
        com.mongodb.bulk.BulkWriteResult result = bulk.execute();
        if (result.getMatchedCount() != updates) {
            throw new org.springframework.dao.OptimisticLockingFailureException((updates - result.getMatchedCount())
                    + " of the batch's sales were applied concurrently; retrying");
        }
    }

    /**
     * Marks the claims of a batch complete (every cell took them) in one unordered bulk, each a point write on
     * {@code {_id, version}} (the {@code id_version} index).
     */
    public void completeAll(Collection<AppliedSale> claims) {
        List<AppliedSale> pending = claims.stream().filter(c -> !c.complete()).toList();
        if (pending.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, APPLIED);
        pending.forEach(c -> bulk.updateOne(Query.query(Criteria.where("_id").is(c.saleId()).and("version").is(c.version())),
                new Update().set("pendingCells", List.of())));
        bulk.execute();
    }

    /** REL-2: the claim names the cells that may still lack its record (after a failed attempt). */
    public void recordPending(AppliedSale claim, Set<String> pendingCells) {
        mongo.updateFirst(claimed(claim), new Update().set("pendingCells", List.copyOf(pendingCells)), APPLIED);
    }

    /** REL-2: every cell took the claimed record. */
    public void completeClaim(AppliedSale claim) {
        mongo.updateFirst(claimed(claim), new Update().set("pendingCells", List.of()), APPLIED);
    }

    /**
     * REL-2: a replay at another record takes over an incomplete claim (compare-and-set on the record it names);
     * {@code false} if the claim moved meanwhile.
     */
    public boolean moveClaim(AppliedSale claim, String partitionKey, long offset) {
        return mongo.updateFirst(claimed(claim), new Update().set("partitionKey", partitionKey).set("offset", offset),
                APPLIED).getMatchedCount() == 1;
    }

    private static Query claimed(AppliedSale claim) {
        return Query.query(Criteria.where("_id").is(claim.saleId()).and("version").is(claim.version())
                .and("partitionKey").is(claim.partitionKey()).and("offset").is(claim.offset()));
    }

    /** The ids a claim names its cells by: month cells and day cells apart. */
    public static Set<String> cellIds(Map<RollupCell, Figures> months, Map<DayCell, Figures> days) {
        Set<String> ids = new TreeSet<>();
        months.keySet().forEach(c -> ids.add(MONTH_CELL + c.id()));
        days.keySet().forEach(c -> ids.add(DAY_CELL + c.id()));
        return ids;
    }

    public static Map<RollupCell, Figures> pendingOnly(Map<RollupCell, Figures> months, Set<String> pending) {
        Map<RollupCell, Figures> left = new HashMap<>();
        months.forEach((c, f) -> {
            if (pending.contains(MONTH_CELL + c.id())) {
                left.put(c, f);
            }
        });
        return left;
    }

    public static Map<DayCell, Figures> pendingDaysOnly(Map<DayCell, Figures> days, Set<String> pending) {
        Map<DayCell, Figures> left = new HashMap<>();
        days.forEach((c, f) -> {
            if (pending.contains(DAY_CELL + c.id())) {
                left.put(c, f);
            }
        });
        return left;
    }

    /** The cells (claim ids) whose offset mark for {@code partitionKey} is below {@code offset}: they lack the record. */
    public Set<String> cellsBelow(Map<RollupCell, Figures> months, Map<DayCell, Figures> days, String partitionKey, long offset) {
        Set<String> below = new TreeSet<>();
        Map<String, Long> monthMarks = marks(CELLS, months.keySet().stream().map(RollupCell::id).toList(), partitionKey);
        months.keySet().forEach(c -> {
            if (monthMarks.getOrDefault(c.id(), -1L) < offset) {
                below.add(MONTH_CELL + c.id());
            }
        });
        Map<String, Long> dayMarks = marks(DAYS, days.keySet().stream().map(DayCell::id).toList(), partitionKey);
        days.keySet().forEach(c -> {
            if (dayMarks.getOrDefault(c.id(), -1L) < offset) {
                below.add(DAY_CELL + c.id());
            }
        });
        return below;
    }

    private Map<String, Long> marks(String collection, Collection<String> ids, String partitionKey) {
        Map<String, Long> marks = new HashMap<>();
        if (ids.isEmpty()) {
            return marks;
        }
        mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection).forEach(d -> {
            Document offsets = d.get("offsets", Document.class);
            Object value = offsets == null ? null : offsets.get(partitionKey);
            marks.put(d.getString("_id"), value instanceof Number n ? n.longValue() : -1L);
        });
        return marks;
    }

    // ---- cells ---------------------------------------------------------------------------------------------------

    /**
     * Adds the deltas to the cells for the FIRST application of record {@code partitionKey@offset}, which the caller
     * has just claimed in the per-sale record ({@link AppliedSale}), so no cell can hold it yet. One unordered bulk of
     * upserts per collection, filtered by {@code _id} alone (a point write on any MongoDB, and on the embedded test
     * server, which only uses an index for a pure {@code _id} filter); each also raises the cell's per-partition offset
     * high-water mark ({@code $max offsets.<topic-partition>}) for {@link #resumeDelta}.
     */
    public void addDelta(Map<RollupCell, Figures> months, Map<DayCell, Figures> days, String partitionKey, long offset) {
        add(CELLS, byId(months, days, false), partitionKey, offset);
        add(DAYS, byId(months, days, true), partitionKey, offset);
    }

    /** The cells of one claim of a batch, with the record that claimed them. */
    public record ClaimedDelta(Map<RollupCell, Figures> months, Map<DayCell, Figures> days, String partitionKey,
            long offset) {
    }

    /**
     * Adds the deltas of a batch's claims (all just claimed, none in any cell yet, as for {@link #addDelta}) with one
     * unordered bulk of upserts per collection: the deltas are summed per cell in memory, so each cell is written once,
     * by {@code _id} alone, with {@code $inc} of the sum and {@code $max offsets.<partition>} of the highest claiming
     * offset per partition among the claims that touch it. One update of one document is atomic, so a cell took
     * either every claim of the batch that touches it or none, and its mark says which: that keeps {@link #resumeDelta}
     * exact after a crash mid-bulk. A cell whose sum is zero is left alone (it took none of them, and its mark says so).
     * Unordered is safe: the writes are to distinct cells, independent of each other.
     */
    public void addAll(Collection<ClaimedDelta> claims) {
        Map<String, Merged> months = new HashMap<>();
        Map<String, Merged> days = new HashMap<>();
        for (ClaimedDelta claim : claims) {
            claim.months().forEach((cell, f) -> months.computeIfAbsent(cell.id(), id -> new Merged(describe(cell)))
                    .add(f, claim.partitionKey(), claim.offset()));
            claim.days().forEach((cell, f) -> days.computeIfAbsent(cell.id(), id -> new Merged(describe(cell)))
                    .add(f, claim.partitionKey(), claim.offset()));
        }
        addMerged(CELLS, months);
        addMerged(DAYS, days);
    }

    /** A cell's summed delta over a batch and the highest claiming offset per partition. */
    private static final class Merged {

        private final Document description;
        private Figures figures = Figures.ZERO;
        private final Map<String, Long> marks = new HashMap<>();

        Merged(Document description) {
            this.description = description;
        }

        void add(Figures f, String partitionKey, long offset) {
            figures = figures.plus(f);
            marks.merge(partitionKey, offset, Math::max);
        }
    }

    private void addMerged(String collection, Map<String, Merged> cells) {
        if (CELLS.equals(collection)) {
            Map<String, Document> descriptions = new HashMap<>();
            cells.forEach((id, merged) -> {
                if (!merged.figures.isZero()) {
                    descriptions.put(id, merged.description);
                }
            });
            announceDescribed(descriptions);
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        int writes = 0;
        for (Map.Entry<String, Merged> cell : cells.entrySet()) {
            Merged merged = cell.getValue();
            if (merged.figures.isZero()) {
                continue;
            }
            Update update = increment(new Change(merged.figures, merged.description));
            merged.marks.forEach((partitionKey, offset) -> update.max("offsets." + partitionKey, offset));
            bulk.upsert(Query.query(Criteria.where("_id").is(cell.getKey())), update);
            writes++;
        }
        if (writes > 0) {
            bulk.execute();
        }
    }

    /**
     * Finishes a record that was claimed but maybe only partly applied (the consumer crashed mid-way and Kafka
     * redelivers the same offset): reads the cells' high-water marks and applies the deltas only to the cells whose
     * mark for this partition is below {@code offset}, each with an update conditional on that mark, so a cell is
     * never incremented twice for one record.
     */
    public void resumeDelta(Map<RollupCell, Figures> months, Map<DayCell, Figures> days, String partitionKey, long offset) {
        resume(CELLS, byId(months, days, false), partitionKey, offset);
        resume(DAYS, byId(months, days, true), partitionKey, offset);
    }

    /** A cell's figures and the fields that describe it, by cell id. */
    private record Change(Figures figures, Document description) {
    }

    private static Map<String, Change> byId(Map<RollupCell, Figures> months, Map<DayCell, Figures> days, boolean ofDays) {
        Map<String, Change> changes = new HashMap<>();
        if (ofDays) {
            days.forEach((cell, f) -> changes.put(cell.id(), new Change(f, describe(cell))));
        } else {
            months.forEach((cell, f) -> changes.put(cell.id(), new Change(f, describe(cell))));
        }
        return changes;
    }

    private void add(String collection, Map<String, Change> changes, String partitionKey, long offset) {
        if (changes.isEmpty()) {
            return;
        }
        announceCells(collection, changes);
        String mark = "offsets." + partitionKey;
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        changes.forEach((id, change) -> bulk.upsert(Query.query(Criteria.where("_id").is(id)), increment(change).max(mark, offset)));
        bulk.execute();
    }

    private void resume(String collection, Map<String, Change> changes, String partitionKey, long offset) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Long> marks = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(changes.keySet())), Document.class, collection).forEach(d -> {
            Document offsets = d.get("offsets", Document.class);
            Object value = offsets == null ? null : offsets.get(partitionKey);
            marks.put(d.getString("_id"), value instanceof Number n ? n.longValue() : -1L);
        });
        String mark = "offsets." + partitionKey;
        Map<String, Change> missing = new HashMap<>(changes);
        missing.keySet().removeIf(id -> marks.getOrDefault(id, -1L) >= offset);
        announceCells(collection, missing);
        changes.forEach((id, change) -> {
            if (marks.getOrDefault(id, -1L) < offset) {
                // "$not $gte" also matches a cell without a mark yet; a cell that took the record meanwhile refuses
                Query notYet = Query.query(Criteria.where("_id").is(id).and(mark).not().gte(offset));
                try {
                    mongo.upsert(notYet, increment(change).set(mark, offset), collection);
                } catch (DuplicateKeyException alreadyApplied) {
                    // the cell exists with a mark at or above the offset: the record is in it already
                }
            }
        });
    }

    /** Announces the month cells among {@code changes} (none for the day cells) before they are written. */
    private void announceCells(String collection, Map<String, Change> changes) {
        if (CELLS.equals(collection)) {
            Map<String, Document> descriptions = new HashMap<>();
            changes.forEach((id, change) -> descriptions.put(id, change.description()));
            announceDescribed(descriptions);
        }
    }

    private static Update increment(Change change) {
        Update update = new Update().inc("amountFen", change.figures().amountFen())
                .inc("unitHundredths", change.figures().unitHundredths());
        change.description().forEach(update::setOnInsert);
        return update;
    }

    /** The figures of the given day cells; a cell without a document has none. */
    public Map<DayCell, Figures> readDays(Collection<DayCell> cells) {
        Map<String, DayCell> byId = new HashMap<>();
        cells.forEach(c -> byId.put(c.id(), c));
        Map<DayCell, Figures> figures = new LinkedHashMap<>();
        cells.forEach(c -> figures.put(c, Figures.ZERO));
        for (Document d : mongo.find(Query.query(Criteria.where("_id").in(byId.keySet())), Document.class, DAYS)) {
            figures.put(byId.get(d.getString("_id")), figures(d));
        }
        return figures;
    }

    /** The figures of the given cells; a cell without a document has none. */
    public Map<RollupCell, Figures> read(Collection<RollupCell> cells) {
        Map<String, RollupCell> byId = new HashMap<>();
        cells.forEach(c -> byId.put(c.id(), c));
        Map<RollupCell, Figures> figures = new LinkedHashMap<>();
        cells.forEach(c -> figures.put(c, Figures.ZERO));
        for (Document d : mongo.find(Query.query(Criteria.where("_id").in(byId.keySet())), Document.class, CELLS)) {
            figures.put(byId.get(d.getString("_id")), figures(d));
        }
        return figures;
    }

    /** Every cell of one unit in a range of months (all segment × model × category cells), for breakdowns (SAL-4). */
    public Map<RollupCell, Figures> cellsOf(Level level, String unitId, YearMonth from, YearMonth to) {
        // issue 10: the cells' ids from the unit-and-month listing, then the cells by _id (in batches of IN_BATCH);
        // a listed id without a cell (announced, never written) is no cell
        List<String> keys = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            keys.add(unitMonth(level, unitId, m));
        }
        Set<String> ids = new java.util.LinkedHashSet<>();
        if (!keys.isEmpty()) {
            for (int i = 0; i < keys.size(); i += IN_BATCH) {
                List<String> batch = keys.subList(i, Math.min(keys.size(), i + IN_BATCH));
                for (Document listed : mongo.find(Query.query(Criteria.where("_id").in(batch)), Document.class, CELLS_BY_UNIT_MONTH)) {
                    ids.addAll(listed.getList("ids", String.class, List.of()));
                }
            }
        }
        List<String> idList = new ArrayList<>(ids);
        List<Document> found = new ArrayList<>();
        for (int i = 0; i < idList.size(); i += IN_BATCH) {
            found.addAll(mongo.find(Query.query(Criteria.where("_id").in(idList.subList(i, Math.min(idList.size(), i + IN_BATCH)))),
                    Document.class, CELLS));
        }
        Map<RollupCell, Figures> cells = new LinkedHashMap<>();
        for (Document d : found) {
            String category = d.getString("category");
            cells.put(new RollupCell(level, unitId, YearMonth.parse(d.getString("month")), d.getString("segment"),
                    d.getString("model"), category == null ? RollupCell.ALL : category), figures(d));
        }
        return cells;
    }

    /** Replaces every cell and per-sale record by the given ones (rebuild). */
    public void replaceAll(Map<RollupCell, Figures> cells, Map<DayCell, Figures> days, Collection<AppliedSale> applied) {
        mongo.remove(new Query(), CELLS);
        mongo.remove(new Query(), DAYS);
        mongo.remove(new Query(), APPLIED);
        mongo.remove(new Query(), CELLS_BY_UNIT_MONTH);
        List<Document> dayDocuments = new ArrayList<>(days.size());
        days.forEach((cell, figures) -> {
            if (!figures.isZero()) {
                dayDocuments.add(describe(cell).append("_id", cell.id()).append("amountFen", figures.amountFen())
                        .append("unitHundredths", figures.unitHundredths()));
            }
        });
        insertInChunks(dayDocuments, DAYS);
        List<Document> cellDocuments = new ArrayList<>(cells.size());
        cells.forEach((cell, figures) -> {
            if (!figures.isZero()) {
                Document d = describe(cell);
                d.put("_id", cell.id());
                d.put("amountFen", figures.amountFen());
                d.put("unitHundredths", figures.unitHundredths());
                cellDocuments.add(d);
            }
        });
        insertCells(cellDocuments);
        markListingBuilt();
        insertInChunks(applied.stream().map(RollupStore::document).toList(), APPLIED);
    }

    /**
     * Bulk-inserts month cell documents ({@link #describe(RollupCell)} with {@code _id} and figures), each chunk
     * listed under its unit and month first (rebuild, and benchmarks seeding a roll-up).
     */
    public void insertCells(List<Document> cellDocuments) {
        for (int i = 0; i < cellDocuments.size(); i += 5_000) {
            List<Document> chunk = cellDocuments.subList(i, Math.min(cellDocuments.size(), i + 5_000));
            Map<String, Document> descriptions = new HashMap<>();
            chunk.forEach(d -> descriptions.put(d.getString("_id"), d));
            announceDescribed(descriptions);
            mongo.insert(chunk, CELLS);
        }
    }

    public void insertInChunks(List<Document> documents, String collection) {
        for (int i = 0; i < documents.size(); i += 5_000) {
            mongo.insert(documents.subList(i, Math.min(documents.size(), i + 5_000)), collection);
        }
    }

    /** The stored fields describing a cell (besides its figures), so cells can be found by unit and month. */
    public static Document describe(RollupCell cell) {
        return new Document("level", cell.level().name()).append("unitId", cell.unitId()).append("month", cell.month().toString())
                .append("segment", cell.segment()).append("model", cell.model()).append("category", cell.category());
    }

    public static Document describe(DayCell cell) {
        return new Document("level", cell.level().name()).append("unitId", cell.unitId()).append("day", cell.day().toString())
                .append("segment", cell.segment()).append("model", cell.model()).append("category", cell.category());
    }

    private static Figures figures(Document d) {
        return new Figures(number(d, "amountFen"), number(d, "unitHundredths"));
    }

    private static long number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static Document document(AppliedSale a) {
        Document document = new Document("_id", a.saleId()).append("version", a.version()).append("partitionKey", a.partitionKey())
                .append("offset", a.offset()).append("state", contribution(a.state()))
                .append("previous", contribution(a.previous()));
        if (!a.complete()) {
            document.append("pendingCells", List.copyOf(a.pendingCells()));
        }
        return document;
    }

    private static AppliedSale appliedSale(Document d) {
        List<String> pending = d.getList("pendingCells", String.class);
        return new AppliedSale(d.getString("_id"), number(d, "version"), d.getString("partitionKey"), number(d, "offset"),
                contribution(d.get("state", Document.class)), contribution(d.get("previous", Document.class)),
                pending == null ? null : new TreeSet<>(pending));
    }

    private static Document contribution(SaleContribution c) {
        if (c == null) {
            return null;
        }
        List<Document> credits = c.salespeople().stream()
                .map(s -> new Document("salespersonId", s.salespersonId()).append("sharePercent", s.sharePercent())).toList();
        return new Document("branchId", c.branchId()).append("regionId", c.regionId()).append("salespeople", credits)
                .append("segment", c.segment()).append("model", c.model()).append("category", c.category())
                .append("amountFen", c.amountFen())
                .append("saleDate", c.saleDate().toString()).append("counted", c.counted());
    }

    private static SaleContribution contribution(Document d) {
        if (d == null) {
            return null;
        }
        List<SalesCredit> credits = d.getList("salespeople", Document.class).stream()
                .map(s -> new SalesCredit(s.getString("salespersonId"), (int) number(s, "sharePercent"))).toList();
        return new SaleContribution(d.getString("branchId"), d.getString("regionId"), credits, d.getString("segment"),
                d.getString("model"), d.getString("category"), number(d, "amountFen"),
                java.time.LocalDate.parse(d.getString("saleDate")),
                Boolean.TRUE.equals(d.getBoolean("counted")));
    }
}
