package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * The part every aggregate has in common: its id, its branch, the version it was loaded at and the events it recorded
 * since. Aggregates extend it, stay plain Java, and call {@link #record(DomainEvent)} for each thing that happened.
 *
 * <p>The fields are not final so that the persistence mapping can fill them whether an aggregate is rebuilt through a
 * full constructor or through a no-argument one.
 */
public abstract class AggregateRoot implements Aggregate {

    protected String id;
    protected String branchId;
    protected long version;
    private final transient List<DomainEvent> recordedEvents = new ArrayList<>();

    protected AggregateRoot() {
    }

    protected AggregateRoot(String id, String branchId, long version) {
        this.id = id;
        this.branchId = branchId;
        this.version = version;
    }

    /** Records an event; the store commits it with the aggregate's state and the relay publishes it. */
    protected void record(DomainEvent event) {
        recordedEvents.add(event);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String branchId() {
        return branchId;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<DomainEvent> recordedEvents() {
        return recordedEvents;
    }
}
