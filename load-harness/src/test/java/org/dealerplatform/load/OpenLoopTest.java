package org.dealerplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Open-loop load (issue 10): fixed rates, latency from the due time")
class OpenLoopTest {

    private HttpServer server;
    private ExecutorService serverThread;
    private final AtomicInteger served = new AtomicInteger();
    private volatile int stallAt = -1;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        serverThread = Executors.newSingleThreadExecutor(); // one request at a time, so a stall queues the others
        server.setExecutor(serverThread);
        server.createContext("/", exchange -> {
            int n = served.incrementAndGet();
            if (n == stallAt) {
                sleep(500);
            }
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThread.shutdownNow();
    }

    @Test
    @DisplayName("sends at the asked rate and counts answers by status")
    void sendsAtTheRate() {
        OpenLoop.Result result = new OpenLoop(HttpClient.newHttpClient()).run("t", 100, Duration.ofSeconds(2),
                n -> request(n % 10 == 0 ? "/missing" : "/ok"), OpenLoop.OnSuccess.NONE);

        assertThat(result.sent()).isEqualTo(200);
        assertThat(result.ok()).isEqualTo(180);
        assertThat(result.failuresByStatus()).containsEntry(404, 20L);
        assertThat(result.achievedPerSecond()).isBetween(50.0, 120.0);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(200);
    }

    @Test
    @DisplayName("a server stall shows in every request due during it, not only in the one that stalled (no coordinated omission)")
    void stallCountsForEveryQueuedRequest() {
        stallAt = 50;
        OpenLoop.Result result = new OpenLoop(HttpClient.newHttpClient()).run("t", 200, Duration.ofSeconds(2),
                n -> request("/ok"), OpenLoop.OnSuccess.NONE);

        assertThat(result.ok()).isEqualTo(400);
        // about 100 requests fall due during the 500 ms stall and wait for it: well over 5% of the 400 are slow,
        // where a closed loop would have recorded one slow request and simply sent fewer
        assertThat(result.millis(95)).isGreaterThan(100);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
