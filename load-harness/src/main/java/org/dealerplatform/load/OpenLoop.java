package org.dealerplatform.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed rate, whatever the answers do: request {@code i} is due at {@code start + i / rate}, and
 * its latency is measured from that due time, not from when it could be sent. A stalled server therefore shows up
 * as the queueing delay every later request really suffers (no coordinated omission), instead of slowing the load
 * down. Latencies go into an HdrHistogram in microseconds.
 */
final class OpenLoop {

    /** The outcome of one run at one rate. */
    record Result(String name, int ratePerSecond, Duration duration, Histogram latencyMicros, long sent, long ok,
            Map<Integer, Long> failuresByStatus, long transportErrors, double achievedPerSecond) {

        long failures() {
            return failuresByStatus.values().stream().mapToLong(Long::longValue).sum() + transportErrors;
        }

        /** Milliseconds at a percentile, e.g. 99.0. */
        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    /** Listens to each acknowledged request (e.g. to time when a sale was accepted). */
    interface OnSuccess {
        void accepted(long sequence, long nanoTime, String body);

        OnSuccess NONE = (sequence, nanoTime, body) -> {
        };
    }

    private final HttpClient http;

    OpenLoop(HttpClient http) {
        this.http = http;
    }

    /**
     * Runs {@code requests} at {@code ratePerSecond} for {@code duration}; a request counts as a success when its
     * status is 2xx. Waits for the answers still in flight (up to 30 s) before it returns.
     */
    Result run(String name, int ratePerSecond, Duration duration, LongFunction<HttpRequest> requests, OnSuccess onSuccess) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long total = duration.toNanos() / intervalNanos;
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong transport = new AtomicLong();
        Map<Integer, Long> failures = new ConcurrentHashMap<>();
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[(int) total];
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sequence = i;
            inFlight[(int) i] = http.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        long now = System.nanoTime();
                        recorder.recordValue(Math.max(0, (now - due) / 1_000));
                        if (error != null) {
                            transport.incrementAndGet();
                        } else if (response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                            onSuccess.accepted(sequence, now, response.body());
                        } else {
                            failures.merge(response.statusCode(), 1L, Long::sum);
                        }
                        return null;
                    });
        }
        long sendEnd = System.nanoTime();
        try {
            CompletableFuture.allOf(inFlight).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // answers that never came are counted as transport errors below
        }
        long answered = ok.get() + transport.get() + failures.values().stream().mapToLong(Long::longValue).sum();
        long missing = total - answered;
        double seconds = (sendEnd - start) / 1e9;
        return new Result(name, ratePerSecond, duration, recorder.getIntervalHistogram(), total, ok.get(),
                new TreeMap<>(failures), transport.get() + Math.max(0, missing), ok.get() / Math.max(seconds, 1e-9));
    }
}
