package org.dealerplatform.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Correlation-Id} before anything else runs (GW-3), so the services, the logs and the
 * gateway's own problem responses (401, 429, 503, ...) all carry the same id. The W3C {@code traceparent} is Micrometer
 * Tracing's (OBS-1): WebFlux's server observation continues a caller's valid one or starts a trace, and Spring Cloud
 * Gateway's observed request headers forward the gateway's own client span to the service.
 */
@Component
public class CorrelationWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    /** Exchange attribute holding the correlation id of the request. */
    public static final String CORRELATION_ID_ATTR = CorrelationWebFilter.class.getName() + ".correlationId";
    /** Exchange attribute holding the path the client asked for, before any forward to a fallback. */
    public static final String ORIGINAL_PATH_ATTR = CorrelationWebFilter.class.getName() + ".originalPath";
    static final String TRACE_ID_MDC = "traceId";
    static final String SPAN_ID_MDC = "spanId";

    // A caller-chosen id is kept only when it cannot be used to forge log lines or headers.
    private static final Pattern ACCEPTED_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    @Override
    public int getOrder() {
        // Before Spring Security's filter chain (-100), so 401/403 answers carry the id too.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String correlationId = acceptedOrNew(request.getHeaders().getFirst(HEADER));

        exchange.getAttributes().put(CORRELATION_ID_ATTR, correlationId);
        exchange.getAttributes().putIfAbsent(ORIGINAL_PATH_ATTR, request.getPath().value());
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, correlationId);
            return Mono.empty();
        });

        ServerHttpRequest forwarded = request.mutate()
                .headers(headers -> headers.set(HEADER, correlationId))
                .build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    /** The correlation id of this exchange (a new one if the filter did not run, e.g. in a unit test). */
    public static String correlationId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(CORRELATION_ID_ATTR);
        if (id == null) {
            id = acceptedOrNew(exchange.getRequest().getHeaders().getFirst(HEADER));
            exchange.getAttributes().put(CORRELATION_ID_ATTR, id);
        }
        return id;
    }

    /** The path the client requested, even when the request was forwarded to a fallback since. */
    public static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(ORIGINAL_PATH_ATTR);
        return path != null ? path : exchange.getRequest().getPath().value();
    }

    /**
     * Puts the exchange's correlation id, and (OBS-2) the trace id and span id of the request's server span (OBS-1,
     * WebFlux's server observation), into the logging MDC until the returned handle is closed: the gateway's JSON log
     * lines carry {@code traceId} and {@code spanId} like the services'. Reactive code has no thread-bound span, so the
     * few places that log (problem handler, fallback) set them here.
     */
    public static LogContext logContext(ServerWebExchange exchange) {
        MDC.put(MDC_KEY, correlationId(exchange));
        TraceContext trace = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .orElse(null);
        boolean traced = trace != null && trace.traceId() != null && !trace.traceId().isEmpty();
        if (traced) {
            MDC.put(TRACE_ID_MDC, trace.traceId());
            MDC.put(SPAN_ID_MDC, trace.spanId());
        }
        return () -> {
            MDC.remove(MDC_KEY);
            if (traced) {
                MDC.remove(TRACE_ID_MDC);
                MDC.remove(SPAN_ID_MDC);
            }
        };
    }

    /** The MDC entries of {@link #logContext}; closing removes them. */
    @FunctionalInterface
    public interface LogContext extends AutoCloseable {
        @Override
        void close();
    }

    private static String acceptedOrNew(String header) {
        if (header != null && ACCEPTED_ID.matcher(header.trim()).matches()) {
            return header.trim();
        }
        return UUID.randomUUID().toString();
    }
}
