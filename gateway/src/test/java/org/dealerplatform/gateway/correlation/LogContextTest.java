package org.dealerplatform.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** OBS-2: the gateway's log lines carry the trace it forwards, under Micrometer Tracing's MDC keys. */
class LogContextTest {

    @Test
    @DisplayName("OBS-2 the gateway's log context holds the forwarded traceparent's traceId and spanId, removed on close")
    void traceIdsInTheMdc() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/customers").header("traceparent", traceparent).build());
        AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
        new CorrelationWebFilter().filter(exchange, e -> {
            forwarded.set(e);
            return Mono.empty();
        }).block();

        try (CorrelationWebFilter.LogContext ignored = CorrelationWebFilter.logContext(forwarded.get())) {
            assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
            assertThat(MDC.get("correlationId")).isNotBlank();
        }
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("correlationId")).isNull();
    }
}
