package org.dealerplatform.gateway.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ClientRateLimiter limiter(double perSecond, long burst, int maxClients) {
        return new ClientRateLimiter(new RateLimitProperties(perSecond, burst, maxClients, null), nanos::get);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    @DisplayName("GW-3 a client may spend its whole burst at once, then is refused with a Retry-After")
    void burstThenRefused() {
        ClientRateLimiter limiter = limiter(2, 3, 100);

        assertThat(limiter.tryAcquire("sub:alice").isAllowed()).isTrue();
        assertThat(limiter.tryAcquire("sub:alice").isAllowed()).isTrue();
        Response third = limiter.tryAcquire("sub:alice");
        Response fourth = limiter.tryAcquire("sub:alice");

        assertThat(third.isAllowed()).isTrue();
        assertThat(third.getHeaders()).containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Burst-Capacity", "3")
                .containsEntry("X-RateLimit-Replenish-Rate", "2")
                .doesNotContainKey("Retry-After");
        assertThat(fourth.isAllowed()).isFalse();
        assertThat(fourth.getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    @DisplayName("GW-3 tokens come back at the replenish rate, never above the burst")
    void refillsAtTheReplenishRate() {
        ClientRateLimiter limiter = limiter(2, 3, 100);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("sub:alice");
        }

        advanceMillis(499);
        assertThat(limiter.tryAcquire("sub:alice").isAllowed()).as("0.998 tokens after 499 ms").isFalse();
        advanceMillis(1);
        assertThat(limiter.tryAcquire("sub:alice").isAllowed()).as("one token after 500 ms").isTrue();

        advanceMillis(60_000);
        Response afterIdle = limiter.tryAcquire("sub:alice");
        assertThat(afterIdle.getHeaders()).containsEntry("X-RateLimit-Remaining", "2"); // capped at burst 3, minus 1
    }

    @Test
    @DisplayName("GW-3 each client has its own bucket, whatever the route")
    void bucketsArePerClient() {
        ClientRateLimiter limiter = limiter(1, 1, 100);

        assertThat(limiter.isAllowed("customers", "sub:alice").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("sales", "sub:alice").block().isAllowed()).isFalse();
        assertThat(limiter.isAllowed("sales", "sub:bob").block().isAllowed()).isTrue();
    }

    @Test
    @DisplayName("Idle clients' buckets are dropped once max-clients is reached, so memory stays bounded")
    void evictsIdleBucketsWhenCrowded() {
        ClientRateLimiter limiter = limiter(10, 5, 3);
        limiter.tryAcquire("ip:10.0.0.1");
        limiter.tryAcquire("ip:10.0.0.2");
        limiter.tryAcquire("ip:10.0.0.3");
        assertThat(limiter.trackedClients()).isEqualTo(3);

        advanceMillis(1_000); // every bucket is full again
        limiter.tryAcquire("ip:10.0.0.4");

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    @DisplayName("Nonsense limits are refused at start-up")
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> new RateLimitProperties(0, 10, 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitProperties(1, 0, 10, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
