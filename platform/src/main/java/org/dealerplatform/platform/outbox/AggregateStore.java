package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.PendingEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.result.UpdateResult;

/**
 * Saves an aggregate and the events it recorded in ONE single-document write, then wakes the relay.
 *
 * <p>An update is a compare-and-set on {@code version}: {@code $set} of the state, {@code $inc} of the version and
 * {@code $push} of the new events onto {@code pendingEvents}. It never rewrites {@code pendingEvents}, so it cannot
 * resurrect events the relay removed meanwhile, and the relay's {@code $pull} never makes a save fail.
 *
 * <p>Subclass it once per aggregate type and declare the subclass as a bean; the relay finds every store.
 */
public abstract class AggregateStore<A extends Aggregate> {

    public static final String PENDING_EVENTS = "pendingEvents";
    public static final String VERSION = "version";

    private final OutboxSupport support;
    private final Class<A> type;
    private final String collection;
    private final String topic;

    protected AggregateStore(OutboxSupport support, Class<A> type, String collection, String topic) {
        this.support = support;
        this.type = type;
        this.collection = collection;
        this.topic = topic;
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

    /** Loads an aggregate only if it is visible under the given extra criteria (e.g. the caller's branch scope). */
    public Optional<A> findOne(Criteria criteria) {
        return Optional.ofNullable(mongo().findOne(Query.query(criteria), type, collection));
    }

    /**
     * Inserts a new aggregate with version 1 and its events. A unique-index violation surfaces as Spring's
     * {@code DuplicateKeyException}, which callers turn into a domain answer (e.g. CUS-6 duplicates).
     */
    public void insert(A aggregate) {
        long version = 1;
        Document document = toDocument(aggregate);
        document.put(VERSION, version);
        document.put(PENDING_EVENTS, toDocuments(pending(aggregate, version)));
        mongo().insert(document, collection);
        aggregate.recordedEvents().clear();
        support.signal().committed(collection, aggregate.id());
    }

    /** Saves a loaded aggregate if nobody else saved it since; otherwise throws {@link ConcurrentModificationException}. */
    public void update(A aggregate) {
        long expected = aggregate.version();
        long next = expected + 1;
        Document state = toDocument(aggregate);
        state.remove("_id");
        state.remove(VERSION);
        state.remove(PENDING_EVENTS);
        Update update = new Update();
        state.forEach(update::set);
        update.inc(VERSION, 1);
        List<PendingEvent> events = pending(aggregate, next);
        if (!events.isEmpty()) {
            update.push(PENDING_EVENTS).each(toDocuments(events).toArray());
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
