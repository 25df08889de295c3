package org.dealerplatform.platform.events;

import java.time.Instant;

/**
 * An event committed inside its aggregate's document ({@code pendingEvents} array) and not yet published.
 *
 * <p>Stored in the same single-document write as the state change it describes (docs/architecture.md, "No dual
 * writes"); the relay publishes it and then removes it by {@code id}.
 *
 * @param data the JSON payload, kept as text so that it is published byte for byte as it was committed
 */
public record PendingEvent(
        String id,
        String type,
        String topic,
        String subject,
        Instant time,
        long aggregateVersion,
        String correlationId,
        String causationId,
        String branchId,
        String traceparent,
        String data) {
}
