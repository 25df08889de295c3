package org.dealerplatform.gateway.fallback;

import java.net.ConnectException;

import org.dealerplatform.gateway.problem.ProblemResponses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class UpstreamFallbackControllerTest {

    @Test
    @DisplayName("OBS-2 the gateway logs a failed request's path and upstream error with mobiles and e-mails masked")
    void logsPersonalDataMasked(CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/customers/by-mobile/13812345678").build());
        exchange.getAttributes().put(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR,
                new ConnectException("no route for wang.xiaoming@example.com at +86 13912345678"));

        new UpstreamFallbackController(new ProblemResponses(JsonMapper.builder().build()))
                .fallback("customer-service", exchange).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(output.getAll()).contains("customer-service failed", "/api/customers/by-mobile/138****5678",
                        "w***@example.com", "139****5678")
                .doesNotContain("13812345678", "13912345678", "wang.xiaoming@example.com");
    }

    @Test
    @DisplayName("GW-3 a response timeout or a TimeLimiter timeout counts as timeout (504), a refused connection does not")
    void recognisesTimeouts() {
        var responseTimeout = new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer",
                new org.springframework.cloud.gateway.support.TimeoutException("Response took longer"));

        assertThat(UpstreamFallbackController.isTimeout(responseTimeout)).isTrue();
        assertThat(UpstreamFallbackController.isTimeout(new java.util.concurrent.TimeoutException())).isTrue();
        assertThat(UpstreamFallbackController.isTimeout(new ConnectException("Connection refused"))).isFalse();
        assertThat(UpstreamFallbackController.isTimeout(null)).isFalse();
    }
}
