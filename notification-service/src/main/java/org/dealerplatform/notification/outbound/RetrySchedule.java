package org.dealerplatform.notification.outbound;

import java.time.Duration;
import java.time.Instant;

/** Exponential back-off between delivery attempts on one channel (NOT-5). */
public record RetrySchedule(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    /** When to try again after the {@code attempt}-th failure (1-based): initial × 2^(attempt−1), capped. */
    public Instant nextAttempt(int attempt, Instant now) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
        Duration backoff = initialBackoff.multipliedBy(factor);
        return now.plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
    }

    /** True if a channel that failed {@code attempts} times should be given up (failover). */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
