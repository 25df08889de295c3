package org.dealerplatform.platform.events;

import java.time.Instant;

/**
 * An event as a consumer receives it: the envelope attributes, the raw JSON payload and where it came from.
 *
 * <p>Consumers read the payload into their own record type ({@link EventReader#data}), never the producer's class
 * (tolerant reader, ARCHITECTURE.md).
 */
public record IncomingEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        long aggregateVersion,
        String correlationId,
        String causationId,
        String branchId,
        String traceparent,
        byte[] data,
        String topic,
        int partition,
        long offset) {

    /**
     * Makes this event the cause of whatever the current thread records next: same correlation id and trace, causation
     * id = this event's id.
     */
    public EventContext.Scope open() {
        return EventContext.open(correlationId, id, traceparent);
    }

    /** Key for per-partition high-water marks, e.g. {@code customers_customer_events-2} (no dots: it is a field name). */
    public String partitionKey() {
        return topic.replace('.', '_') + "-" + partition;
    }
}
