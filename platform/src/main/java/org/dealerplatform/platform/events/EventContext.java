package org.dealerplatform.platform.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation id and causation id of the work the current thread is doing.
 *
 * <p>Set by the web filter for a request and by {@link IncomingEvent#open()} for an event being consumed, so that
 * every event recorded meanwhile carries them (GW-3: correlation ids on every request and event). The trace is not
 * kept here (OBS-1): Micrometer Tracing holds the current span, {@link EventTracing} reads its {@code traceparent}
 * for each recorded event and puts {@code traceId}/{@code spanId} into the logging MDC.
 */
public final class EventContext {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";
    /**
     * Issue 12: the correlation ids taken from a caller or an event, the gateway's rule; any other is replaced by a new
     * one, so a service called directly cannot be made to write a forged id into its logs and events.
     */
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<EventContext> CURRENT = new ThreadLocal<>();
    /** MDC keys of the trace (Micrometer Tracing's, also those of Spring Boot's structured log formats). */
    public static final String TRACE_ID_MDC = "traceId";
    public static final String SPAN_ID_MDC = "spanId";

    private final String correlationId;
    private final String causationId;

    private EventContext(String correlationId, String causationId) {
        this.correlationId = correlationId;
        this.causationId = causationId;
    }

    /** The context of this thread, or a fresh one (new correlation id) when none is open. */
    public static EventContext current() {
        EventContext context = CURRENT.get();
        return context != null ? context : new EventContext(UUID.randomUUID().toString(), null);
    }

    /**
     * Opens a context on this thread; close the returned scope when the work is done. A correlation id that is missing
     * or not 1 to 128 of {@code A-Z a-z 0-9 . _ : -} (the gateway's rule) is replaced by a new one.
     */
    public static Scope open(String correlationId, String causationId) {
        EventContext previous = CURRENT.get();
        EventContext context = new EventContext(
                correlationId == null || !SAFE_CORRELATION_ID.matcher(correlationId).matches()
                        ? UUID.randomUUID().toString() : correlationId,
                causationId);
        CURRENT.set(context);
        MDC.put("correlationId", context.correlationId);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
                MDC.remove("correlationId");
            } else {
                CURRENT.set(previous);
                MDC.put("correlationId", previous.correlationId);
            }
        };
    }

    /** A new root W3C {@code traceparent} (sampled), for an event recorded while no span is current. */
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

    /** Closes an opened context, restoring the one before it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
