package org.dealerplatform.platform.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.EventTracing;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * A listener's typed handlers: one per event type it reads, each with the consumer's own payload record. Dispatching
 * reads the envelope, opens the event's context (correlation id, causation id) and its span (OBS-1: one per record, child
 * of the record's {@code traceparent}; a batch handler's run gets one span per record too), reads the payload into the
 * handler's record and calls it; types the listener has no handler for are skipped (tolerant reader: a topic carries
 * more types than any one consumer needs). Build one with {@link EventDispatcher#handlers(String)}.
 *
 * <p>A type may instead have a {@link BatchHandler} ({@link Builder#onBatch}): consecutive records of a poll whose types
 * share one batch handler reach it together, as one list in record order (a record of a type with an event handler
 * ends the run; a skipped type does not). The order of the records is kept: a run is applied before whatever follows
 * it.
 *
 * <p>Errors are not caught here: the platform's error handler sorts them (REL-1, {@link FailureKind}) into retried until
 * the dependency is back, dead-lettered at once, or retried a few times and then dead-lettered. In a batch, the records
 * before the failed one are committed and the failed one is handled alone. A failure always names one record: when a
 * batch handler throws, its run is applied again one event at a time (lists of one, in order: batch handlers are
 * idempotent per event, see {@link BatchHandler}), and the first event that fails alone is the one named; a record
 * whose envelope or payload cannot be read is named after the run before it has been applied.
 */
public final class EventHandlers {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventHandlers.class);

    private final String listener;
    private final EventReader reader;
    private final Map<String, Registered<?>> byType;
    private final Counter skipped;
    private final Counter batchRetries;
    private final EventTracing tracing;

    private EventHandlers(String listener, EventReader reader, Map<String, Registered<?>> byType, Counter skipped,
            Counter batchRetries, EventTracing tracing) {
        this.tracing = tracing;
        this.listener = listener;
        this.reader = reader;
        this.byType = Map.copyOf(byType);
        this.skipped = skipped;
        this.batchRetries = batchRetries;
    }

    /** Handles a poll's batch in order; a failure names the record's index so that the ones before it count as done. */
    public void dispatch(List<ConsumerRecord<String, byte[]>> batch) {
        dispatch(batch.size(), i -> reader.read(batch.get(i)), i -> batch.get(i).topic() + "-" + batch.get(i).partition()
                + "@" + batch.get(i).offset());
    }

    /**
     * Handles events as if Kafka had delivered them in one poll (replays, tests): batch handlers get their runs, and a
     * failure is a {@link BatchListenerFailedException} naming the event's index, as for a poll.
     */
    public void dispatchAll(List<IncomingEvent> events) {
        dispatch(events.size(), events::get, i -> events.get(i).topic() + "-" + events.get(i).partition() + "@"
                + events.get(i).offset());
    }

    private void dispatch(int size, IntFunction<IncomingEvent> read, IntFunction<String> where) {
        Run<?> run = null;
        for (int i = 0; i < size; i++) {
            IncomingEvent event;
            Registered<?> registered;
            try {
                event = read.apply(i);
                registered = byType.get(event.type());
            } catch (RuntimeException unreadable) {
                // the run before this record is applied first, so that committing up to this record is right
                if (run != null) {
                    apply(run, where);
                }
                throw failed(i, where, unreadable);
            }
            if (registered == null) {
                skipped.increment();
                continue;
            }
            if (registered.batch() != null) {
                if (run != null && run.handler() != registered.batch()) {
                    apply(run, where);
                    run = null;
                }
                if (run == null) {
                    run = new Run<>(registered.batch());
                }
                try {
                    run.add(registered, reader, event, i);
                } catch (RuntimeException unreadable) {
                    apply(run, where);
                    throw failed(i, where, unreadable);
                }
                continue;
            }
            if (run != null) {
                apply(run, where);
                run = null;
            }
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                throw failed(i, where, e);
            }
        }
        if (run != null) {
            apply(run, where);
        }
    }

    private <T> void apply(Run<T> run, IntFunction<String> where) {
        if (run.events.size() > 1) {
            // OBS-1: one span per record, each child of its record's traceparent, for the run handled together
            List<EventTracing.Traced> spans = new ArrayList<>(run.events.size());
            for (BatchHandler.Delivered<T> one : run.events) {
                spans.add(tracing.consumingInBatch(one.event(), listener, run.events.size()));
            }
            try {
                run.handler().handle(List.copyOf(run.events));
                run.counted.forEach(Counter::increment);
                return;
            } catch (RuntimeException batchFailed) {
                spans.forEach(span -> span.failed(batchFailed));
                // applied again one by one, so that the failure names the one record that fails (see BatchHandler)
                batchRetries.increment();
                log.warn("{}: a batch of {} events failed ({}); applying them one at a time", listener,
                        run.events.size(), batchFailed.toString());
            } finally {
                spans.forEach(EventTracing.Traced::close);
            }
        }
        for (int k = 0; k < run.events.size(); k++) {
            BatchHandler.Delivered<T> one = run.events.get(k);
            try (EventTracing.Traced span = tracing.consuming(one.event(), listener);
                    EventContext.Scope scope = one.event().open()) {
                try {
                    run.handler().handle(List.of(one));
                } catch (RuntimeException e) {
                    span.failed(e);
                    throw e;
                }
                run.counted.get(k).increment();
            } catch (RuntimeException e) {
                throw failed(run.indexes.get(k), where, e);
            }
        }
    }

    private BatchListenerFailedException failed(int index, IntFunction<String> where, RuntimeException e) {
        return new BatchListenerFailedException(listener + " failed on " + where.apply(index) + ": " + e.getMessage(), e,
                index);
    }

    /** Handles one event; {@code false} if this listener has no handler for its type. */
    public boolean dispatch(IncomingEvent event) {
        Registered<?> registered = byType.get(event.type());
        if (registered == null) {
            skipped.increment();
            return false;
        }
        try (EventTracing.Traced span = tracing.consuming(event, listener); EventContext.Scope scope = event.open()) {
            try {
                registered.handle(reader, event);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
        return true;
    }

    /** The event types this listener handles. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** An event handler or a batch handler for one type, with its payload record and its count of handled events. */
    private record Registered<T>(Class<? extends T> payload, EventHandler<T> handler, BatchHandler<T> batch,
            Counter handled) {

        void handle(EventReader reader, IncomingEvent event) {
            T data = reader.data(event, payload);
            if (batch != null) {
                batch.handle(List.of(new BatchHandler.Delivered<>(data, event)));
            } else {
                handler.handle(data, event);
            }
            handled.increment();
        }
    }

    /** Consecutive events for one batch handler, with their indexes in the poll. */
    private static final class Run<T> {

        private final BatchHandler<T> handler;
        private final List<BatchHandler.Delivered<T>> events = new ArrayList<>();
        private final List<Integer> indexes = new ArrayList<>();
        private final List<Counter> counted = new ArrayList<>();

        Run(BatchHandler<T> handler) {
            this.handler = handler;
        }

        BatchHandler<T> handler() {
            return handler;
        }

        @SuppressWarnings("unchecked")
        void add(Registered<?> registered, EventReader reader, IncomingEvent event, int index) {
            Registered<T> typed = (Registered<T>) registered;
            events.add(new BatchHandler.Delivered<>(reader.data(event, typed.payload()), event));
            indexes.add(index);
            counted.add(typed.handled());
        }
    }

    /** Collects the handlers of one listener. */
    public static final class Builder {

        private final String listener;
        private final EventReader reader;
        private final MeterRegistry meters;
        private final Map<String, Registered<?>> byType = new LinkedHashMap<>();
        private final EventTracing tracing;

        Builder(String listener, EventReader reader, MeterRegistry meters, EventTracing tracing) {
            this.tracing = tracing;
            this.listener = listener;
            this.reader = reader;
            this.meters = meters;
        }

        /** Handles the types named by the payload record's {@link EventType}. */
        public <T> Builder on(Class<T> payload, EventHandler<T> handler) {
            for (String type : types(payload)) {
                on(type, payload, handler);
            }
            return this;
        }

        /** Handles one type, read into {@code payload}: for a record that serves several types handled differently. */
        public <T> Builder on(String type, Class<T> payload, EventHandler<T> handler) {
            register(type, new Registered<>(payload, handler, null, handled(type)));
            return this;
        }

        /**
         * Handles the types named by the payload record's {@link EventType} in batches: consecutive records of these
         * types in a poll reach {@code handler} together (see {@link BatchHandler} for its contract). The payload may be
         * a subtype of the handler's: records of several types (e.g. a registration and a consent change of the same
         * replica document) share one handler's runs when each is registered with the same handler instance.
         */
        public <T> Builder onBatch(Class<? extends T> payload, BatchHandler<T> handler) {
            for (String type : types(payload)) {
                onBatch(type, payload, handler);
            }
            return this;
        }

        /**
         * Handles one type in batches, read into {@code payload}. Types registered with the same {@code handler}
         * instance share its runs: their consecutive records reach it in one list.
         */
        public <T> Builder onBatch(String type, Class<? extends T> payload, BatchHandler<T> handler) {
            register(type, new Registered<>(payload, null, handler, handled(type)));
            return this;
        }

        private static String[] types(Class<?> payload) {
            EventType types = payload.getAnnotation(EventType.class);
            if (types == null || types.value().length == 0) {
                throw new IllegalArgumentException(payload.getName() + " names no @EventType; use on(type, payload, handler)");
            }
            return types.value();
        }

        private Counter handled(String type) {
            return Counter.builder("dealer.events.handled").tag("listener", listener).tag("type", type)
                    .description("Events a listener applied (redeliveries included)").register(meters);
        }

        private void register(String type, Registered<?> registered) {
            if (byType.putIfAbsent(type, registered) != null) {
                throw new IllegalStateException(listener + " has two handlers for " + type);
            }
        }

        public EventHandlers build() {
            if (byType.isEmpty()) {
                throw new IllegalStateException(listener + " handles no event type");
            }
            Counter skipped = Counter.builder("dealer.events.skipped").tag("listener", listener)
                    .description("Events of types a listener does not read").register(meters);
            Counter batchRetries = Counter.builder("dealer.events.batch.retried").tag("listener", listener)
                    .description("Batches a batch handler failed, applied again one event at a time").register(meters);
            return new EventHandlers(listener, reader, byType, skipped, batchRetries, tracing);
        }
    }
}
