package org.dealerplatform.platform.consumer;

import org.dealerplatform.platform.events.IncomingEvent;

/**
 * Applies one event, read into the consumer's own payload record, to one use case. It runs inside the event's context
 * (correlation id, causation id, trace), so whatever it records next carries them.
 *
 * @param <T> the consumer's payload record
 */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(T data, IncomingEvent event);
}
