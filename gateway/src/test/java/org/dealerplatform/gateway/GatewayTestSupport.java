package org.dealerplatform.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the stub services once per JVM and points the gateway's routes at them; the notification service is down
 * (nothing listens on its port). The two Spring contexts of this module both extend this, so the stubs are shared.
 */
abstract class GatewayTestSupport {

    static final UpstreamStub CUSTOMERS = UpstreamStub.start("customer-service");
    static final UpstreamStub SALES = UpstreamStub.start("sales-service");
    static final UpstreamStub AFTERSALES = UpstreamStub.start("aftersales-service");
    static final int NOTIFICATIONS_DOWN_PORT = UpstreamStub.deadPort();

    /**
     * Route response timeout in the tests: above resilience4j's 1 s default TimeLimiter, with room for a loaded CI
     * machine (with 1.5 s, a plain call to a stub was once answered 504 there).
     */
    static final int RESPONSE_TIMEOUT_MS = 3000;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final java.util.function.Supplier<HttpClient> FRESH = () -> HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CUSTOMER_SERVICE_URL", CUSTOMERS::baseUrl);
        registry.add("SALES_SERVICE_URL", SALES::baseUrl);
        registry.add("AFTERSALES_SERVICE_URL", AFTERSALES::baseUrl);
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:" + NOTIFICATIONS_DOWN_PORT);
        registry.add("dealer.gateway.response-timeout-ms", () -> RESPONSE_TIMEOUT_MS);
    }

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException unanswered) {
                // Seen once in CI and once locally, both on a loaded machine (an anonymous /docs/** GET, no answer in
                // 30 s), not reproduced in 1,600 probing requests since: leave the evidence in the test output, then
                // ask a read once more on a fresh connection. A gateway that really hangs on the path fails again.
                if (!"GET".equals(method)) {
                    throw unanswered;
                }
                System.err.println("No answer in 15 s to " + method + " " + path + "; threads of the test JVM:\n"
                        + threadDump());
                return FRESH.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : frames) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * Checks the RFC 9457 shape the gateway promises for its own errors (GW-4) and returns the body: problem+json,
     * type/title/status/detail/instance, the correlation id of the response header, and nothing of a stack trace.
     */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug, String path) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://dealerplatform.org/problems/" + typeSlug);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(problem.path("correlationId").asString())
                .isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Correlation-Id").orElse(null));
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
        return problem;
    }
}
