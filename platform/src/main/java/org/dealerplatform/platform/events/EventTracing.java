package org.dealerplatform.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * OBS-1: where events meet Micrometer Tracing (OpenTelemetry bridge). An event recorded while a span is current keeps
 * that span's W3C {@code traceparent} in its pending entry ({@link #currentTraceparent}); the relay publishes it later
 * in a span whose parent is that stored context ({@link #publishing}), so the Kafka producer observation's
 * {@code traceparent} header continues the request's trace; a consumer handles each record in a span whose parent is
 * the record's {@code traceparent} ({@link #consuming}). Without a tracer ({@link #NONE}) nothing is traced and events
 * start a new trace id each, as W3C allows.
 */
public final class EventTracing {

    /** No tracer: no spans; unit tests and benchmarks that build the parts by hand. */
    public static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private static final Propagator.Getter<String> TRACEPARENT_ONLY =
            (traceparent, key) -> EventContext.TRACEPARENT_HEADER.equals(key) ? traceparent : null;

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * The W3C {@code traceparent} of the span current on this thread (the request's server span, a consumer's record
     * span), or a new root one when no span is current (work outside a request or an event, or no tracer).
     */
    public String currentTraceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null || context.traceId() == null || context.spanId() == null || context.traceId().isEmpty()
                || context.spanId().isEmpty()) {
            return EventContext.newTraceparent();
        }
        String traceId = context.traceId().length() == 16 ? "0".repeat(16) + context.traceId() : context.traceId();
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.FALSE.equals(context.sampled()) ? "00" : "01");
    }

    /**
     * The relay's span for publishing one stored event, child of the {@code traceparent} stored with it, and current on
     * this thread until closed: the Kafka producer observation started inside it is its child and writes its own
     * context into the record's {@code traceparent} header.
     */
    public Traced publishing(PendingEvent event) {
        return open(propagator.extract(event.traceparent(), TRACEPARENT_ONLY)
                .name("outbox publish " + shortType(event.type()))
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", event.topic())
                .tag("messaging.message.id", event.id())
                .tag("dealer.event.type", event.type()));
    }

    /** A consumer's span for one record, child of the record's {@code traceparent}, current on this thread until closed. */
    public Traced consuming(IncomingEvent event, String listener) {
        return open(consumer(event, listener));
    }

    /**
     * A span for work a service stored and does later (e.g. a queued notification's dispatch), child of the
     * {@code traceparent} kept with that work, current on this thread until closed; a new trace when there is none.
     */
    public Traced continuing(String traceparent, String name) {
        return open(propagator.extract(traceparent, TRACEPARENT_ONLY).name(name));
    }

    /**
     * A consumer's span for one record that is handled together with others (a batch handler's run): started, not made
     * current (only one span can be current), ended with {@link Traced#close()} after the run.
     */
    public Traced consumingInBatch(IncomingEvent event, String listener, int batchSize) {
        Span span = consumer(event, listener)
                .tag("messaging.batch.message_count", String.valueOf(batchSize))
                .start();
        return new Traced(span, null);
    }

    /** A consumer span for one record, child of the record's {@code traceparent}, with the messaging tags. */
    private Span.Builder consumer(IncomingEvent event, String listener) {
        return propagator.extract(event.traceparent(), TRACEPARENT_ONLY)
                .name(listener + " " + shortType(event.type()))
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", String.valueOf(event.topic()))
                .tag("messaging.message.id", String.valueOf(event.id()))
                .tag("messaging.consumer.group.name", listener)
                .tag("dealer.event.type", String.valueOf(event.type()));
    }

    private Traced open(Span.Builder builder) {
        Span span = builder.start();
        return new Traced(span, tracer.withSpan(span));
    }

    /** {@code dealer.sales.SaleRecorded.v1} as {@code SaleRecorded.v1}: span names stay short in a trace view. */
    static String shortType(String type) {
        if (type == null) {
            return "event";
        }
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : type;
    }

    /** A started span (and its scope, when current); closing ends both. */
    public static final class Traced implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope scope;

        Traced(Span span, Tracer.SpanInScope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Adds an attribute to the span (ids only, never personal data). */
        public Traced tag(String key, String value) {
            span.tag(key, value);
            return this;
        }

        /** Marks the span failed with this error (the error handler then retries or dead-letters the record). */
        public void failed(Throwable error) {
            span.error(error);
        }

        @Override
        public void close() {
            if (scope != null) {
                scope.close();
            }
            span.end();
        }
    }
}
