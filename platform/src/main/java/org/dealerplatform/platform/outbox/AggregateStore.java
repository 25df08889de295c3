package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.bson.Document;
import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.EventTracing;
import org.dealerplatform.platform.events.PendingEvent;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.IdempotencyKeyReusedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.result.UpdateResult;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * Saves an aggregate and the events it recorded in ONE single-document write, then wakes the relay.
 *
 * <p>An update is a compare-and-set on {@code version}: {@code $set} of the state, {@code $inc} of the version and
 * {@code $push} of the new events onto {@code pendingEvents}. It never rewrites {@code pendingEvents}, so it cannot
 * resurrect events the relay removed meanwhile, and the relay's {@code $pull} never makes a save fail.
 *
 * <p>Before that write it announces the aggregate in {@code outbox_hints} (see {@link OutboxHints}), so the relay's
 * poll finds unpublished events without scanning the aggregate collection.
 *
 * <p>Subclass it once per aggregate type and declare the subclass as a bean; the relay finds every store.
 */
public abstract class AggregateStore<A extends Aggregate> {

    public static final String PENDING_EVENTS = "pendingEvents";
    public static final String VERSION = "version";
    /** Set by {@link #updateAll} to tell its own matched statements from a concurrent writer's (not part of the aggregate). */
    public static final String BULK_WRITE = "bulkWrite";

    private final OutboxSupport support;
    private final Class<A> type;
    private final String collection;
    private final String topic;
    private final OutboxHints hints;

    protected AggregateStore(OutboxSupport support, Class<A> type, String collection, String topic) {
        this.support = support;
        this.type = type;
        this.collection = collection;
        this.topic = topic;
        this.hints = new OutboxHints(support.mongo());
        IndexOperations indexes = support.mongo().indexOps(collection);
        // The compare-and-set filter {_id, version} matches this index exactly, which the embedded MongoDB-wire server
        // needs to use an index at all (it only uses one whose keys equal the filter's); real MongoDB gets it for free.
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(VERSION, Sort.Direction.ASC).unique()
                .named("id_version"));
        // The relay no longer scans for pending events (it reads outbox_hints); drop the index older versions declared.
        if (indexes.getIndexInfo().stream().anyMatch(index -> "pending_events".equals(index.getName()))) {
            indexes.dropIndex("pending_events");
        }
    }

    public String collection() {
        return collection;
    }

    public String topic() {
        return topic;
    }

    protected MongoTemplate mongo() {
        return support.mongo();
    }

    public Optional<A> findById(String id) {
        return Optional.ofNullable(mongo().findById(id, type, collection));
    }

    /**
     * Loads many aggregates by id with one {@code _id $in} query (served by the {@code _id} index, on the embedded
     * server too); missing ids are simply absent from the answer, in no particular order.
     */
    public List<A> findAllById(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo().find(Query.query(Criteria.where("_id").in(ids)), type, collection);
    }

    /**
     * Loads an aggregate by id only if {@code caller} may see its branch; otherwise empty, exactly like a missing one.
     * The branch is checked after an {@code _id} lookup: a query on {@code _id} and {@code branchId} together would
     * scan the whole collection on the embedded server (it uses an index only when the query's keys equal its keys).
     */
    public Optional<A> findVisible(String id, Caller caller) {
        return findById(id).filter(aggregate -> caller.canSee(aggregate.branchId()));
    }

    /**
     * Loads an aggregate only if it is visible under the given extra criteria. Beware: unless the criteria's keys equal
     * a unique index's keys, the embedded server scans the collection; prefer {@link #findVisible} for a caller's read.
     */
    public Optional<A> findOne(Criteria criteria) {
        return Optional.ofNullable(mongo().findOne(Query.query(criteria), type, collection));
    }

    /**
     * Inserts a new aggregate with version 1 and its events. A unique-index violation surfaces as Spring's
     * {@code DuplicateKeyException}, which callers turn into a domain answer (e.g. CUS-6 duplicates).
     */
    public void insert(A aggregate) {
        beforeCommit(List.of(aggregate));
        long version = 1;
        Document document = toDocument(aggregate);
        document.put(VERSION, version);
        List<PendingEvent> events = pending(aggregate, version);
        document.put(PENDING_EVENTS, toDocuments(events));
        if (!events.isEmpty()) {
            hints.announce(collection, aggregate.id(), version); // before the commit: a crash cannot strand the events
        }
        mongo().insert(document, collection);
        aggregate.recordedEvents().clear();
        support.signal().committed(collection, aggregate.id());
    }

    /** What a keyed creation stands for: the aggregate it made, or the one the first request with the key made. */
    public record Creation<A>(A aggregate, boolean replayed) {
    }

    /**
     * REL-7: inserts a new aggregate whose id came from the key ({@link IdempotencyKey#aggregateId()}, possibly with a
     * prefix), remembering the key in the same document. A retry of the same request finds the aggregate the first one
     * made ({@code replayed}); the same key with another request is refused. Without a key this is a plain
     * {@link #insert}.
     */
    public Creation<A> insertOnce(A aggregate, IdempotencyKey key) {
        if (key == null) {
            insert(aggregate);
            return new Creation<>(aggregate, false);
        }
        Optional<A> earlier = createdBy(aggregate.id(), key);
        if (earlier.isPresent()) {
            return new Creation<>(earlier.get(), true);
        }
        root(aggregate).rememberRequest(key);
        try {
            insert(aggregate);
            return new Creation<>(aggregate, false);
        } catch (DuplicateKeyException raced) {
            // a concurrent retry got there first (or another unique index refused it: then it is not a replay)
            return createdBy(aggregate.id(), key).map(first -> new Creation<>(first, true)).orElseThrow(() -> raced);
        }
    }

    /**
     * REL-7: the aggregate {@code id} an earlier creation with this key made, if any; look it up before other
     * uniqueness checks so that a retry is answered as the first time. The same key with another request is refused,
     * and so is a key whose record no longer keeps it (used more than 24 h ago): its id is taken for good.
     */
    public Optional<A> createdBy(String id, IdempotencyKey key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<A> earlier = findById(id);
        if (earlier.isPresent() && !root(earlier.get()).alreadyApplied(key)) {
            throw new IdempotencyKeyReusedException(key.key());
        }
        return earlier;
    }

    private static AggregateRoot root(Aggregate aggregate) {
        if (aggregate instanceof AggregateRoot root) {
            return root;
        }
        throw new IllegalStateException(aggregate.getClass() + " must extend AggregateRoot to take Idempotency-Keys");
    }

    /** How often {@link #change} tries while other writers keep saving the same aggregate. */
    public static final int CHANGE_ATTEMPTS = 5;

    /**
     * Loads aggregate {@code id}, applies {@code change} and saves it with the version compare-and-set; when another
     * writer saved it meanwhile, loads it again and re-applies, at most {@value #CHANGE_ATTEMPTS} times (then the
     * {@link ConcurrentModificationException} is thrown). {@code change} answers whether it changed anything: false
     * saves nothing. Returns whether a change was saved (false too when there is no such aggregate).
     */
    public boolean change(String id, java.util.function.Predicate<A> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<A> found = findById(id);
            if (found.isEmpty() || !change.test(found.get())) {
                return false;
            }
            try {
                update(found.get());
                return true;
            } catch (ConcurrentModificationException raced) {
                if (attempt == CHANGE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Saves a loaded aggregate if nobody else saved it since; otherwise throws {@link ConcurrentModificationException}. */
    public void update(A aggregate) {
        beforeCommit(List.of(aggregate));
        long expected = aggregate.version();
        long next = expected + 1;
        List<PendingEvent> events = pending(aggregate, next);
        Update update = nextVersion(aggregate, events);
        if (!events.isEmpty()) {
            hints.announce(collection, aggregate.id(), next); // before the commit: a crash cannot strand the events
        }
        Query query = Query.query(Criteria.where("_id").is(aggregate.id()).and(VERSION).is(expected));
        UpdateResult result = mongo().updateFirst(query, update, collection);
        if (result.getMatchedCount() == 0) {
            throw new ConcurrentModificationException(collection, aggregate.id(), expected);
        }
        aggregate.recordedEvents().clear();
        if (!events.isEmpty()) {
            support.signal().committed(collection, aggregate.id());
        }
    }

    /**
     * The write that takes a loaded aggregate to its next version: its state, the fields it no longer has removed, the
     * version incremented and its new events appended (the caller matches on the version it loaded).
     */
    private Update nextVersion(A aggregate, List<PendingEvent> events) {
        Document state = toDocument(aggregate);
        state.remove("_id");
        state.remove(VERSION);
        state.remove(PENDING_EVENTS);
        Update update = new Update();
        state.forEach(update::set);
        // the converter leaves null properties out: remove them in the same write, or a cleared field would stay
        unsetMissing(state, update);
        update.inc(VERSION, 1);
        if (!events.isEmpty()) {
            update.push(PENDING_EVENTS).each(toDocuments(events).toArray());
        }
        return update;
    }

    /** Result of {@link #updateAll}: the ids saved, and the ids another writer saved first (their saves were not made). */
    public record BulkUpdate(List<String> saved, List<String> conflicted) {
    }

    /**
     * {@link #update} for many loaded aggregates in ONE unordered bulk write (issue 10: the reminder sweep saves a
     * batch of a thousand vehicles at once instead of a thousand round trips). Each statement is still the same
     * single-document compare-and-set on {@code version}, with the aggregate's events pushed in the same write, so a
     * save loses against a concurrent one exactly as {@link #update} does; the loser is reported in
     * {@code conflicted} instead of throwing, and its document is left untouched.
     *
     * <p>A bulk result only counts matches, so every statement also sets {@value #BULK_WRITE} to a token of this call.
     * When fewer statements matched than were sent, the documents are read back by {@code _id} (one query): a statement
     * matched iff its document carries this token at the version it wrote or later. Only another {@code updateAll} sets
     * the token ({@link #update} leaves it alone), so the check can at worst report a save it made as conflicted when
     * another bulk save of the same aggregate followed it at once; callers treat a conflicted aggregate as "look again
     * later", which is safe either way.
     */
    public BulkUpdate updateAll(List<A> aggregates) {
        return updateAll(aggregates, aggregate -> null);
    }

    /**
     * As {@link #updateAll(List)}; each aggregate's new events are recorded inside the span {@code scope} opens for it
     * (null: none), so that OBS-1 trace context survives a save batched after the work: e.g. each notification's
     * {@code NotificationSent} continues the trace of the request that asked for it, not the trace of the batch.
     */
    public BulkUpdate updateAll(List<A> aggregates,
            Function<A, EventTracing.Traced> scope) {
        if (aggregates.isEmpty()) {
            return new BulkUpdate(List.of(), List.of());
        }
        beforeCommit(aggregates);
        String token = UUID.randomUUID().toString();
        BulkOperations bulk = mongo().bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        Map<Long, List<Object>> announcedByVersion = new TreeMap<>();
        List<Boolean> withEvents = new ArrayList<>(aggregates.size());
        for (A aggregate : aggregates) {
            long expected = aggregate.version();
            long next = expected + 1;
            List<PendingEvent> events;
            EventTracing.Traced span = scope.apply(aggregate);
            try {
                events = pending(aggregate, next);
            } finally {
                if (span != null) {
                    span.close();
                }
            }
            Update update = nextVersion(aggregate, events).set(BULK_WRITE, token);
            if (!events.isEmpty()) {
                announcedByVersion.computeIfAbsent(next, v -> new ArrayList<>()).add(aggregate.id());
            }
            withEvents.add(!events.isEmpty());
            bulk.updateOne(Query.query(Criteria.where("_id").is(aggregate.id()).and(VERSION).is(expected)), update);
        }
        // before the commit: a crash cannot strand the events (hints are per version; usually all share one)
        announcedByVersion.forEach((version, ids) -> hints.announceAll(collection, ids, version));
        int matched = bulk.execute().getMatchedCount();
        Set<Object> lost = new HashSet<>();
        if (matched < aggregates.size()) {
            Map<Object, Document> current = new HashMap<>();
            for (Document document : mongo().getCollection(collection)
                    .find(new Document("_id", new Document("$in", aggregates.stream().map(Aggregate::id).toList())))
                    .projection(new Document(VERSION, 1).append(BULK_WRITE, 1))) {
                current.put(document.get("_id"), document);
            }
            for (A aggregate : aggregates) {
                Document document = current.get(aggregate.id());
                Number version = document == null ? null : document.get(VERSION, Number.class);
                boolean ours = document != null && token.equals(document.getString(BULK_WRITE))
                        && version != null && version.longValue() > aggregate.version();
                if (!ours) {
                    lost.add(aggregate.id());
                }
            }
        }
        List<String> saved = new ArrayList<>(aggregates.size());
        List<String> conflicted = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            A aggregate = aggregates.get(i);
            String id = String.valueOf(aggregate.id());
            if (lost.contains(aggregate.id())) {
                conflicted.add(id);
                continue;
            }
            saved.add(id);
            aggregate.recordedEvents().clear();
            if (withEvents.get(i)) {
                support.signal().committed(collection, aggregate.id());
            }
        }
        return new BulkUpdate(saved, conflicted);
    }

    /** Result of {@link #insertAll}: the ids inserted and the positions (in the given list) refused as duplicates. */
    public record BulkResult(List<String> inserted, List<Integer> duplicates) {
    }

    /**
     * Inserts many new aggregates with their events in one unordered bulk write (imports). Each document is still a
     * single-document write carrying its own outbox entries; a unique-index clash refuses only that document.
     */
    public BulkResult insertAll(List<A> aggregates) {
        if (aggregates.isEmpty()) {
            return new BulkResult(List.of(), List.of());
        }
        List<Document> documents = new ArrayList<>(aggregates.size());
        List<String> announced = new ArrayList<>();
        for (A aggregate : aggregates) {
            Document document = toDocument(aggregate);
            document.put(VERSION, 1L);
            List<PendingEvent> events = pending(aggregate, 1);
            document.put(PENDING_EVENTS, toDocuments(events));
            documents.add(document);
            if (!events.isEmpty()) {
                announced.add(aggregate.id());
            }
        }
        hints.announceAll(collection, announced, 1); // before the commit: a crash cannot strand the events
        beforeCommit(aggregates);
        List<Integer> duplicates = new ArrayList<>();
        BulkOperations bulk = mongo().bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        bulk.insert(documents);
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        List<String> inserted = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            if (!duplicates.contains(i)) {
                A aggregate = aggregates.get(i);
                inserted.add(aggregate.id());
                aggregate.recordedEvents().clear();
                support.signal().committed(collection, aggregate.id());
            }
        }
        return new BulkResult(inserted, duplicates);
    }

    /**
     * Called with the aggregates about to be written, before the write. A store that keeps a lookup document beside
     * its aggregates (e.g. an index the embedded database cannot keep) announces the entries here, the way the outbox
     * announces its hints: a crash between the two leaves a stale entry, which the reader checks against the aggregate,
     * never a missing one.
     */
    protected void beforeCommit(List<A> aggregates) {
    }

    private void unsetMissing(Document state, Update update) {
        MongoPersistentEntity<?> entity = mongo().getConverter().getMappingContext().getRequiredPersistentEntity(type);
        entity.doWithProperties((PropertyHandler<MongoPersistentProperty>) property -> {
            String field = property.getFieldName();
            if (!state.containsKey(field) && !property.isIdProperty() && !VERSION.equals(field)
                    && !PENDING_EVENTS.equals(field) && !Aggregate.RECORDED_EVENTS_FIELD.equals(field)) {
                update.unset(field);
            }
        });
    }

    private List<PendingEvent> pending(A aggregate, long version) {
        List<PendingEvent> events = new ArrayList<>();
        for (DomainEvent event : aggregate.recordedEvents()) {
            events.add(support.events().pending(event, topic, aggregate.id(), aggregate.branchId(), version));
        }
        return events;
    }

    private Document toDocument(A aggregate) {
        Document document = new Document();
        mongo().getConverter().write(aggregate, document);
        document.remove("_class");
        document.remove(Aggregate.RECORDED_EVENTS_FIELD);
        return document;
    }

    private List<Document> toDocuments(List<PendingEvent> events) {
        List<Document> documents = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            documents.add(PendingEvents.toDocument(event));
        }
        return documents;
    }
}
