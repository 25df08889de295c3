package org.dealerplatform.platform.consumer;

import java.util.List;

import org.dealerplatform.platform.events.IncomingEvent;

/**
 * Applies a run of consecutive events of a poll at once, each read into the consumer's own payload record, so a
 * use case can write them with bulk operations instead of one write (or several) per event (issue 10). Register one
 * with {@link EventHandlers.Builder#onBatch}.
 *
 * <p>The contract, on which the dispatcher's error handling rests: the handler is <b>idempotent per event</b> (as
 * every handler is: Kafka redelivers), and it either applies every event of the list or throws, leaving each event
 * applied, not applied or resumable by applying it again. When it throws, the dispatcher applies the same events
 * again one at a time (lists of one, in order), so a failure always names exactly one record: the records before it
 * are committed and that record alone is retried or dead-lettered by the platform's error handler (REL-1).
 *
 * <p>It runs outside any one event's context (correlation id, causation id, trace): a handler that records events of
 * its own opens each cause's context itself ({@link IncomingEvent#open()}). A list of one runs inside its event's
 * context, as an {@link EventHandler} does.
 *
 * @param <T> the consumer's payload record
 */
@FunctionalInterface
public interface BatchHandler<T> {

    /** Applies {@code events}, in the order of their records (never empty). */
    void handle(List<Delivered<T>> events);

    /** One event of a batch: its payload read into the consumer's record, and the event as received. */
    record Delivered<T>(T data, IncomingEvent event) {
    }
}
