package org.dealerplatform.platform.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * A listener's typed handlers: one per event type it reads, each with the consumer's own payload record. Dispatching
 * reads the envelope, opens the event's context (correlation id, causation id, trace), reads the payload into the
 * handler's record and calls it; types the listener has no handler for are skipped (tolerant reader: a topic carries
 * more types than any one consumer needs). Build one with {@link EventDispatcher#handlers(String)}.
 *
 * <p>Errors are not caught here: the platform's error handler sorts them (REL-1, {@link FailureKind}) into retried until
 * the dependency is back, dead-lettered at once, or retried a few times and then dead-lettered. In a batch, the records
 * before the failed one are committed and the failed one is handled alone.
 */
public final class EventHandlers {

    private final String listener;
    private final EventReader reader;
    private final Map<String, Registered<?>> byType;
    private final Counter skipped;

    private EventHandlers(String listener, EventReader reader, Map<String, Registered<?>> byType, Counter skipped) {
        this.listener = listener;
        this.reader = reader;
        this.byType = Map.copyOf(byType);
        this.skipped = skipped;
    }

    /** Handles a poll's batch in order; a failure names the record's index so that the ones before it count as done. */
    public void dispatch(List<ConsumerRecord<String, byte[]>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, byte[]> record = batch.get(i);
            try {
                dispatch(reader.read(record));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(listener + " failed on " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e, i);
            }
        }
    }

    /** Handles one event; {@code false} if this listener has no handler for its type. */
    public boolean dispatch(IncomingEvent event) {
        Registered<?> registered = byType.get(event.type());
        if (registered == null) {
            skipped.increment();
            return false;
        }
        try (EventContext.Scope scope = event.open()) {
            registered.handle(reader, event);
        }
        return true;
    }

    /** The event types this listener handles. */
    public Set<String> types() {
        return byType.keySet();
    }

    private record Registered<T>(Class<T> payload, EventHandler<T> handler, Counter handled) {

        void handle(EventReader reader, IncomingEvent event) {
            handler.handle(reader.data(event, payload), event);
            handled.increment();
        }
    }

    /** Collects the handlers of one listener. */
    public static final class Builder {

        private final String listener;
        private final EventReader reader;
        private final MeterRegistry meters;
        private final Map<String, Registered<?>> byType = new LinkedHashMap<>();

        Builder(String listener, EventReader reader, MeterRegistry meters) {
            this.listener = listener;
            this.reader = reader;
            this.meters = meters;
        }

        /** Handles the types named by the payload record's {@link EventType}. */
        public <T> Builder on(Class<T> payload, EventHandler<T> handler) {
            EventType types = payload.getAnnotation(EventType.class);
            if (types == null || types.value().length == 0) {
                throw new IllegalArgumentException(payload.getName() + " names no @EventType; use on(type, payload, handler)");
            }
            for (String type : types.value()) {
                on(type, payload, handler);
            }
            return this;
        }

        /** Handles one type, read into {@code payload}: for a record that serves several types handled differently. */
        public <T> Builder on(String type, Class<T> payload, EventHandler<T> handler) {
            Counter handled = Counter.builder("dealer.events.handled").tag("listener", listener).tag("type", type)
                    .description("Events a listener applied (redeliveries included)").register(meters);
            if (byType.putIfAbsent(type, new Registered<>(payload, handler, handled)) != null) {
                throw new IllegalStateException(listener + " has two handlers for " + type);
            }
            return this;
        }

        public EventHandlers build() {
            if (byType.isEmpty()) {
                throw new IllegalStateException(listener + " handles no event type");
            }
            Counter skipped = Counter.builder("dealer.events.skipped").tag("listener", listener)
                    .description("Events of types a listener does not read").register(meters);
            return new EventHandlers(listener, reader, byType, skipped);
        }
    }
}
