package org.dealerplatform.platform.outbox;

import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * What the outbox needs of an aggregate: its id, its branch, the version it was loaded at, and the events it recorded
 * since. Aggregates stay plain Java; they keep their recorded events in a field named {@value #RECORDED_EVENTS_FIELD},
 * which the store never persists (the events are persisted as {@code pendingEvents} envelopes instead).
 */
public interface Aggregate {

    /** Name of the field holding recorded events; never stored as state. */
    String RECORDED_EVENTS_FIELD = "recordedEvents";

    /** The aggregate id, also the Kafka key of its events (per-aggregate order). */
    String id();

    /** The branch the aggregate belongs to; {@code null} for group-wide aggregates. */
    String branchId();

    /** The version the aggregate was loaded at (0 for a new one); saving compares and increments it. */
    long version();

    /** The events recorded since the aggregate was loaded; the store drains them when it commits. */
    List<DomainEvent> recordedEvents();
}
