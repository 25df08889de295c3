package org.dealerplatform.platform.events;

import java.time.Instant;

/**
 * An event as a consumer receives it: the envelope attributes, the raw JSON payload and where it came from.
 *
 * <p>{@code traceparent} is the record's W3C trace context: its {@code traceparent} header (the producer's span), or the
 * {@code ce_traceparent} attribute (the context the event was recorded in) when the header is missing.
 *
 * <p>Consumers read the payload into their own record type ({@link EventReader#data}), never the producer's class
 * (tolerant reader, docs/architecture.md).
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
     * Makes this event the cause of whatever the current thread records next: same correlation id, causation id = this
     * event's id. The trace continues through the consumer's span ({@link EventTracing#consuming}), which the
     * dispatcher opens around it.
     */
    public EventContext.Scope open() {
        return EventContext.open(correlationId, id);
    }

    /**
     * INT-2, defence in depth: refuses the effect of this event on a record kept for {@code recordBranch} when the event
     * comes from another branch. A record without a branch yet (first sight of it) or an event without a branch passes.
     *
     * @param what the record, for the dead letter's reason, e.g. {@code "customer 0191…"}
     * @throws ForeignBranchEffectException a permanent error: the record goes to the dead-letter topic
     */
    public void requireSameBranch(String recordBranch, String what) {
        if (recordBranch != null && branchId != null && !recordBranch.equals(branchId)) {
            throw new ForeignBranchEffectException("event " + id + " (" + type + ") of branch " + branchId
                    + " would change " + what + " of branch " + recordBranch);
        }
    }

    /** Key for per-partition high-water marks, e.g. {@code customers_customer_events-2} (no dots: it is a field name). */
    public String partitionKey() {
        return topic.replace('.', '_') + "-" + partition;
    }
}
