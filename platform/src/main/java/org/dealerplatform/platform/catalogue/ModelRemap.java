package org.dealerplatform.platform.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.dealerplatform.platform.web.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * SAL-12: the HQ job that maps the free-text models a service stored before the catalogue existed to catalogue models,
 * through the catalogue and its alias table (the same rule as a command: a model id, else an alias spelled that way).
 * A spelling that resolves to nothing is <b>not guessed</b>: the record keeps it and the report lists it (with a count
 * and a few record ids), so HQ can add an alias and run the job again.
 *
 * <ul>
 * <li><b>Idempotent.</b> A record that already names a catalogue model id is left alone; running the job twice maps
 * nothing the second time.</li>
 * <li><b>Resumable.</b> The job walks the collection in {@code _id} order, a page at a time, and after each page saves
 * a checkpoint (collection {@value #COLLECTION}, {@code _id} = job name): the last {@code _id} done and the counts so
 * far. A run cut short (a crash, or {@code maxRecords}) is continued by the next call from the checkpoint; the call after
 * a finished pass starts a new pass.</li>
 * <li><b>One at a time.</b> A run holds a lease on the checkpoint ({@link #LEASE}, renewed every page); a second call
 * meanwhile answers 409.</li>
 * </ul>
 */
public final class ModelRemap {

    public static final String COLLECTION = "model_remaps";
    /** Records read per page (one checkpoint per page). */
    static final int PAGE = 500;
    /** How long a run's lease outlives a run that died holding it. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Distinct unmapped spellings listed (more are counted, not listed). */
    static final int LISTED = 1000;
    /** Record ids listed per unmapped spelling. */
    static final int SAMPLES = 5;

    /** What became of one stored model of a record. */
    public enum Outcome {
        /** it already named a catalogue model id */
        CATALOGUE,
        /** it was free text and is now the catalogue model its alias names */
        MAPPED,
        /** it resolves to no catalogue model: kept as it was, and listed */
        UNMAPPED
    }

    /**
     * One service's remap job over one collection: its checkpoint's name, the fields it reads of each record and how it
     * remaps one ({@link #remap}); the service's HQ endpoints ({@code ModelRemapEndpoints}) call {@link #run} and
     * {@link #last}.
     */
    public abstract static class Job {

        private final ModelRemap remap;
        private final String name;
        private final String collection;
        private final List<String> fields;

        protected Job(MongoTemplate mongo, Clock clock, String name, String collection, List<String> fields) {
            this.remap = new ModelRemap(mongo, clock);
            this.name = name;
            this.collection = collection;
            this.fields = List.copyOf(fields);
        }

        /** Runs or continues the pass, for at most {@code maxRecords} records (0: to the end). */
        public Report run(int maxRecords) {
            return remap.run(name, collection, fields, maxRecords, this::remap, this::whenComplete);
        }

        /** The last pass's report, if the job ever ran. */
        public Optional<Report> last() {
            return remap.last(name);
        }

        /** The checkpoint's name in {@link #COLLECTION}. */
        public String name() {
            return name;
        }

        /** Maps the stored models of one record (read with the job's fields) and writes the record if needed. */
        protected abstract List<Found> remap(Document record);

        /** Runs when a pass is done, before it is marked complete, with the models it mapped; nothing by default. */
        protected void whenComplete(long mapped) {
        }
    }

    /** One stored model of a record and what became of it. */
    public record Found(String stored, Outcome outcome) {
    }

    /** Maps the stored models of one record (read with the fields the service asked for) and writes the record if needed. */
    @FunctionalInterface
    public interface Remapper {
        List<Found> remap(Document record);
    }

    /** An unmapped spelling: how many stored models spell it, and some of their records. */
    public record Unmapped(String model, long count, List<String> recordIds) {
    }

    /**
     * A run's answer: whether the pass is {@code complete}, the records read in the pass so far, and the stored models
     * that were catalogue models already, were mapped, or stay unmapped (listed; {@code unmappedLeftOff} spellings beyond
     * {@value #LISTED} are counted, not listed).
     */
    public record Report(String job, boolean complete, long records, long alreadyCatalogue, long mapped, long unmapped,
            List<Unmapped> unmappedModels, long unmappedLeftOff, Instant startedAt, Instant finishedAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public ModelRemap(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Runs (or continues) the pass of {@code job} over {@code collection}, reading {@code fields} of each record, for at
     * most {@code maxRecords} records (0: to the end). {@code whenComplete} runs with the number of models the whole pass
     * mapped once the last page is done and before the pass is marked complete (e.g. a roll-up rebuild), so a crash in
     * it is repeated by the next call.
     */
    public Report run(String job, String collection, List<String> fields, int maxRecords, Remapper remapper,
            LongConsumer whenComplete) {
        Document state = lease(job);
        String owner = state.getString("lease");
        try {
            boolean fresh = state.getBoolean("complete", true) || state.get("startedAt") == null;
            Instant startedAt = fresh ? clock.instant() : state.getDate("startedAt").toInstant();
            String after = fresh ? null : state.getString("after");
            long records = fresh ? 0 : number(state, "records");
            long already = fresh ? 0 : number(state, "alreadyCatalogue");
            long mapped = fresh ? 0 : number(state, "mapped");
            long unmapped = fresh ? 0 : number(state, "unmapped");
            long leftOff = fresh ? 0 : number(state, "unmappedLeftOff");
            Map<String, Unmapped> listed = new LinkedHashMap<>();
            if (!fresh && state.get("unmappedModels") instanceof List<?> held) {
                for (Object o : held) {
                    Document d = (Document) o;
                    listed.put(d.getString("model"), new Unmapped(d.getString("model"), number(d, "count"),
                            d.getList("recordIds", String.class)));
                }
            }
            int done = 0;
            boolean end = false;
            // one cursor in _id order for the whole run, read a page at a time: a query per page (`_id > after`)
            // scanned and sorted the collection once per page on the embedded server (issue 10)
            Query query = after == null ? new Query() : Query.query(Criteria.where("_id").gt(after));
            query.with(Sort.by("_id")).cursorBatchSize(PAGE);
            if (maxRecords > 0) {
                query.limit(maxRecords);
            }
            fields.forEach(query.fields()::include);
            try (Stream<Document> stream = mongo.stream(query, Document.class, collection)) {
                Iterator<Document> cursor = stream.iterator();
                while (!end && (maxRecords <= 0 || done < maxRecords)) {
                    int page = maxRecords <= 0 ? PAGE : Math.min(PAGE, maxRecords - done);
                    List<Document> batch = new ArrayList<>(page);
                    while (batch.size() < page && cursor.hasNext()) {
                        batch.add(cursor.next());
                    }
                    for (Document record : batch) {
                        for (Found found : remapper.remap(record)) {
                            switch (found.outcome()) {
                                case CATALOGUE -> already++;
                                case MAPPED -> mapped++;
                                case UNMAPPED -> {
                                    unmapped++;
                                    Unmapped before = listed.get(found.stored());
                                    if (before == null && listed.size() >= LISTED) {
                                        leftOff++;
                                    } else {
                                        List<String> ids = new ArrayList<>(before == null ? List.of() : before.recordIds());
                                        if (ids.size() < SAMPLES) {
                                            ids.add(String.valueOf(record.get("_id")));
                                        }
                                        listed.put(found.stored(), new Unmapped(found.stored(),
                                                (before == null ? 0 : before.count()) + 1, ids));
                                    }
                                }
                            }
                        }
                        after = String.valueOf(record.get("_id"));
                    }
                    records += batch.size();
                    done += batch.size();
                    end = batch.size() < page;
                    boolean finishing = end;
                    if (finishing) {
                        whenComplete.accept(mapped);
                    }
                    Instant finishedAt = finishing ? clock.instant() : null;
                    save(job, owner, new Document("after", after).append("records", records).append("alreadyCatalogue", already)
                            .append("mapped", mapped).append("unmapped", unmapped).append("unmappedLeftOff", leftOff)
                            .append("unmappedModels", listed.values().stream().map(u -> new Document("model", u.model())
                                    .append("count", u.count()).append("recordIds", u.recordIds())).toList())
                            .append("startedAt", Date.from(startedAt)).append("complete", finishing)
                            .append("finishedAt", finishedAt == null ? null : Date.from(finishedAt)));
                }
            }
            Document saved = mongo.findById(job, Document.class, COLLECTION);
            return report(job, saved);
        } finally {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(job).and("lease").is(owner)),
                    new Update().unset("lease").set("leaseUntil", new Date(0)), COLLECTION);
        }
    }

    /** The last run's report of {@code job}, if it ever ran. */
    public Optional<Report> last(String job) {
        return Optional.ofNullable(mongo.findById(job, Document.class, COLLECTION))
                .filter(d -> d.get("startedAt") != null).map(d -> report(job, d));
    }

    private Document lease(String job) {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(job)), new Update().setOnInsert("leaseUntil", new Date(0)),
                    COLLECTION);
        } catch (DuplicateKeyException createdByAnotherRun) {
            // the checkpoint exists now either way
        }
        Document leased = mongo.findAndModify(Query.query(Criteria.where("_id").is(job).and("leaseUntil").lt(Date.from(now))),
                new Update().set("lease", owner).set("leaseUntil", Date.from(now.plus(LEASE))),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (leased == null) {
            throw new ConflictException("the model remap " + job + " is running; try again when it has finished", job);
        }
        return leased;
    }

    private void save(String job, String owner, Document state) {
        Update update = new Update().set("leaseUntil", Date.from(clock.instant().plus(LEASE)));
        state.forEach(update::set);
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(job).and("lease").is(owner)), update, COLLECTION)
                .getMatchedCount() == 0) {
            throw new ConflictException("the model remap " + job + " lost its lease to another run", job);
        }
    }

    private static Report report(String job, Document d) {
        List<Unmapped> listed = d.get("unmappedModels") instanceof List<?> held ? held.stream().map(o -> (Document) o)
                .map(u -> new Unmapped(u.getString("model"), number(u, "count"), u.getList("recordIds", String.class)))
                .toList() : List.of();
        return new Report(job, d.getBoolean("complete", false), number(d, "records"), number(d, "alreadyCatalogue"),
                number(d, "mapped"), number(d, "unmapped"), listed, number(d, "unmappedLeftOff"),
                d.getDate("startedAt") == null ? null : d.getDate("startedAt").toInstant(),
                d.getDate("finishedAt") == null ? null : d.getDate("finishedAt").toInstant());
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
