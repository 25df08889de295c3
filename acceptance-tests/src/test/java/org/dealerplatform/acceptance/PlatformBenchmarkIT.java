package org.dealerplatform.acceptance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Platform-level benchmark on the embedded default (not a test: it measures and prints, it does not assert).
 * Run: {@code mvn -B -ntp -DskipTests package && mvn -pl acceptance-tests verify -Pbenchmark}. Results go in BENCHMARKS.md.
 * <ol>
 * <li>start-up: seconds to ready and the RSS of all processes;</li>
 * <li>gateway overhead: the same GET through the gateway and straight to customer-service, p50/p99 and the ratio;</li>
 * <li>write throughput through the gateway: customers registered per second with 8 concurrent clients;</li>
 * <li>event propagation: from the 201 of a registration to the customer in sales-service's replica (outbox relay
 * woken by the commit → Kafka → consumer → MongoDB), p50/p99.</li>
 * </ol>
 */
@Tag("benchmark")
class PlatformBenchmarkIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void measure() throws Exception {
        // one benchmark client would hit the per-client rate limit (GW-3) long before the platform's limits
        RunningPlatform platform = PlatformFixture.platform(Map.of(
                "DEALER_GATEWAY_RATELIMIT_REPLENISHPERSECOND", "1000000", "DEALER_GATEWAY_RATELIMIT_BURST", "1000000"));
        System.out.printf("%n== start-up: ready in %.1f s, RSS of all platform processes %d MiB%n",
                platform.readySeconds(), platform.rssMiB());
        String token = platform.token("bench", "JS-NJ-01", "SALES");
        String id = PlatformFixture.json(register(platform.gatewayUrl(), token, 0)).path("id").asString();

        String viaGateway = platform.gatewayUrl() + "/api/customers/" + id;
        String direct = platform.serviceUrl("customer-service") + "/api/customers/" + id;
        for (int i = 0; i < 2_000; i++) { // warm both paths up
            get(viaGateway, token);
            get(direct, token);
        }
        Histogram gateway = new Histogram(3);
        Histogram straight = new Histogram(3);
        for (int i = 0; i < 3_000; i++) { // interleaved, so both see the same machine state
            gateway.recordValue(get(viaGateway, token));
            straight.recordValue(get(direct, token));
        }
        System.out.printf("== gateway overhead (GET one customer, sequential, 3000 each)%n");
        print("direct to customer-service", straight);
        print("through the gateway", gateway);
        System.out.printf("   ratio gateway/direct: p50 %.2f, p99 %.2f%n",
                ratio(gateway, straight, 50), ratio(gateway, straight, 99));

        int clients = 8;
        Duration window = Duration.ofSeconds(15);
        Histogram writes = new Histogram(3);
        AtomicInteger counter = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + window.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    register(platform.gatewayUrl(), token, counter.incrementAndGet());
                    synchronized (writes) {
                        writes.recordValue((System.nanoTime() - start) / 1_000);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("== registrations through the gateway, %d closed-loop clients for %d s: %.0f/s%n",
                clients, window.toSeconds(), writes.getTotalCount() / (double) window.toSeconds());
        print("POST /api/customers", writes);

        Histogram propagation = new Histogram(3);
        for (int i = 0; i < 300; i++) {
            String created = PlatformFixture.json(register(platform.gatewayUrl(), token, 5_000_000 + i)).path("id").asString();
            long start = System.nanoTime();
            while (PlatformFixture.find("sales", "customers", created) == null) {
                java.util.concurrent.locks.LockSupport.parkNanos(500_000); // poll every 0.5 ms
            }
            propagation.recordValue((System.nanoTime() - start) / 1_000);
        }
        System.out.printf("== event propagation: 201 → customer in sales-service's replica (300 sequential)%n");
        print("commit → replica", propagation);
    }

    private static HttpResponse<String> register(String gateway, String token, int n) throws Exception {
        String mobile = "135" + String.format("%08d", (System.nanoTime() / 1000 + n * 7919L) % 100_000_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/customers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"压测客户" + n + "\",\"mobile\":\"" + mobile + "\"}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long get(String url, String token) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1_000;
    }

    private static void print(String what, Histogram h) {
        System.out.printf("   %-28s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d)%n", what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                h.getTotalCount());
    }

    private static double ratio(Histogram a, Histogram b, double percentile) {
        return a.getValueAtPercentile(percentile) / (double) Math.max(1, b.getValueAtPercentile(percentile));
    }
}
