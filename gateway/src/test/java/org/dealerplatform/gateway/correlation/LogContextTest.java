package org.dealerplatform.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** OBS-2: the gateway's log lines carry the trace of the request's server span, under Micrometer Tracing's MDC keys. */
class LogContextTest {

    @Test
    @DisplayName("OBS-2 OBS-1 the gateway's log context holds the server span's traceId and spanId, removed on close")
    void traceIdsInTheMdc() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            OtelTracer tracer = new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> { });
            Span server = tracer.nextSpan().name("http get").start();
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/customers").build());
            // what WebFlux's server observation leaves on the exchange, with the tracing handler's span in it
            ServerRequestObservationContext observed = new ServerRequestObservationContext(exchange.getRequest(),
                    exchange.getResponse(), exchange.getAttributes());
            TracingObservationHandler.TracingContext tracing = new TracingObservationHandler.TracingContext();
            tracing.setSpan(server);
            observed.put(TracingObservationHandler.TracingContext.class, tracing);
            exchange.getAttributes().put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observed);
            AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
            new CorrelationWebFilter().filter(exchange, e -> {
                forwarded.set(e);
                return Mono.empty();
            }).block();

            try (CorrelationWebFilter.LogContext ignored = CorrelationWebFilter.logContext(forwarded.get())) {
                assertThat(MDC.get("traceId")).isEqualTo(server.context().traceId()).hasSize(32);
                assertThat(MDC.get("spanId")).isEqualTo(server.context().spanId()).hasSize(16);
                assertThat(MDC.get("correlationId")).isNotBlank();
            }
            assertThat(MDC.get("traceId")).isNull();
            assertThat(MDC.get("correlationId")).isNull();
            server.end();
        }
    }
}
