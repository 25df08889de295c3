package org.dealerplatform.gateway.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;

/**
 * In-memory token bucket per client key behind the {@code RequestRateLimiter} filter (GW-3), so rate limits need no
 * Redis. Limits hold per gateway instance: with N instances behind a load balancer a client gets up to N times the
 * budget, which is acceptable for protecting the services from one runaway client.
 */
public class ClientRateLimiter implements RateLimiter<Object> {

    /** The bucket's size (= burst): the most requests a client may send at once (issue 12: the documented limit). */
    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    public static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";
    public static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";
    public static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RateLimitProperties limits;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastEviction = new AtomicLong();

    public ClientRateLimiter(RateLimitProperties limits) {
        this(limits, System::nanoTime);
    }

    ClientRateLimiter(RateLimitProperties limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.lastEviction.set(nanoClock.getAsLong());
    }

    /** Takes one token from the client's bucket; the route is ignored, a client has one budget for the whole API. */
    @Override
    public Mono<Response> isAllowed(String routeId, String clientKey) {
        return Mono.fromSupplier(() -> tryAcquire(clientKey));
    }

    Response tryAcquire(String clientKey) {
        long now = nanoClock.getAsLong();
        evictIdleBucketsIfCrowded(now);
        TokenBucket bucket = buckets.computeIfAbsent(clientKey, key -> new TokenBucket(limits.burst(), now));
        Acquisition acquisition = bucket.tryAcquire(now, limits);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT_HEADER, Long.toString(limits.burst()));
        headers.put(REMAINING_HEADER, Long.toString(acquisition.remaining()));
        headers.put(REPLENISH_RATE_HEADER, formatRate(limits.replenishPerSecond()));
        headers.put(BURST_CAPACITY_HEADER, Long.toString(limits.burst()));
        headers.put(REQUESTED_TOKENS_HEADER, "1");
        if (!acquisition.allowed()) {
            headers.put(HttpHeaders.RETRY_AFTER, Long.toString(acquisition.retryAfterSeconds()));
        }
        return new Response(acquisition.allowed(), headers);
    }

    int trackedClients() {
        return buckets.size();
    }

    // A full bucket carries no state worth keeping: dropping it and creating it again later is equivalent.
    private void evictIdleBucketsIfCrowded(long now) {
        if (buckets.size() < limits.maxClients()) {
            return;
        }
        long last = lastEviction.get();
        if (now - last < NANOS_PER_SECOND / 10 || !lastEviction.compareAndSet(last, now)) {
            return;
        }
        buckets.values().removeIf(bucket -> bucket.isFullAt(now, limits));
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of(); // one global sizing from RateLimitProperties, nothing per route
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }

    private record Acquisition(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    /** Tokens of one client, refilled lazily from the elapsed time on each request. */
    private static final class TokenBucket {

        private double tokens;
        private long refilledAt;

        TokenBucket(long burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        synchronized Acquisition tryAcquire(long now, RateLimitProperties limits) {
            refill(now, limits);
            if (tokens >= 1) {
                tokens -= 1;
                return new Acquisition(true, (long) Math.floor(tokens), 0);
            }
            double secondsToNextToken = (1 - tokens) / limits.replenishPerSecond();
            return new Acquisition(false, 0, Math.max(1, (long) Math.ceil(secondsToNextToken)));
        }

        synchronized boolean isFullAt(long now, RateLimitProperties limits) {
            refill(now, limits);
            return tokens >= limits.burst();
        }

        private void refill(long now, RateLimitProperties limits) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(limits.burst(), tokens + elapsed * limits.replenishPerSecond() / NANOS_PER_SECOND);
                refilledAt = now;
            }
        }
    }
}
