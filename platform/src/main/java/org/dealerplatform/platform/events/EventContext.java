package org.dealerplatform.platform.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation id, causation id and W3C trace parent of the work the current thread is doing.
 *
 * <p>Set by the web filter for a request and by {@link IncomingEvent#open()} for an event being consumed, so that
 * every event recorded meanwhile carries them (GW-3: correlation and trace ids on every request and event).
 */
public final class EventContext {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";
    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
    /**
     * Issue 12: the correlation ids taken from a caller or an event, the gateway's rule; any other is replaced by a new
     * one, so a service called directly cannot be made to write a forged id into its logs and events.
     */
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<EventContext> CURRENT = new ThreadLocal<>();
    /** MDC keys of the trace (those of Micrometer Tracing and of Spring Boot's structured log formats). */
    public static final String TRACE_ID_MDC = "traceId";
    public static final String SPAN_ID_MDC = "spanId";

    private final String correlationId;
    private final String causationId;
    private final String traceparent;

    private EventContext(String correlationId, String causationId, String traceparent) {
        this.correlationId = correlationId;
        this.causationId = causationId;
        this.traceparent = traceparent;
    }

    /** The context of this thread, or a fresh one (new correlation id and trace) when none is open. */
    public static EventContext current() {
        EventContext context = CURRENT.get();
        return context != null ? context : new EventContext(UUID.randomUUID().toString(), null, newTraceparent());
    }

    /**
     * Opens a context on this thread; close the returned scope when the work is done. A correlation id that is missing
     * or not 1 to 128 of {@code A-Z a-z 0-9 . _ : -} (the gateway's rule) is replaced by a new one.
     */
    public static Scope open(String correlationId, String causationId, String traceparent) {
        EventContext previous = CURRENT.get();
        EventContext context = new EventContext(
                correlationId == null || !SAFE_CORRELATION_ID.matcher(correlationId).matches()
                        ? UUID.randomUUID().toString() : correlationId,
                causationId,
                traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : newTraceparent());
        CURRENT.set(context);
        context.toMdc();
        return () -> {
            if (previous == null) {
                CURRENT.remove();
                MDC.remove("correlationId");
                MDC.remove(TRACE_ID_MDC);
                MDC.remove(SPAN_ID_MDC);
            } else {
                CURRENT.set(previous);
                previous.toMdc();
            }
        };
    }

    /**
     * OBS-2: the correlation id and the trace of the work in the logging MDC, so every log line (JSON outside the
     * {@code local} profile) carries {@code traceId} and {@code spanId}: the trace id and the parent id of the
     * {@code traceparent} this work continues. The keys are Micrometer Tracing's, so log queries stay the same when a
     * tracer opens spans of its own (OBS-1).
     */
    private void toMdc() {
        MDC.put("correlationId", correlationId);
        MDC.put(TRACE_ID_MDC, traceparent.substring(3, 35));
        MDC.put(SPAN_ID_MDC, traceparent.substring(36, 52));
    }

    public static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    public String correlationId() {
        return correlationId;
    }

    public String causationId() {
        return causationId;
    }

    public String traceparent() {
        return traceparent;
    }

    /** Closes an opened context, restoring the one before it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
