package org.dealerplatform.gateway.fallback;

import java.net.ConnectException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFallbackControllerTest {

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
