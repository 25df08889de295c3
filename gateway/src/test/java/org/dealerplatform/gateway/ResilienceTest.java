package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceTest extends LocalProfileGatewayTest {

    private final String token = TestTokens.sales(TestTokens.LOCAL, "resilience-" + UUID.randomUUID());

    @Test
    @DisplayName("GW-3 a service that is down gives 503 problem details from its fallback")
    void serviceDownIs503() {
        String path = "/api/notifications/" + UUID.randomUUID();

        HttpResponse<String> response = send("POST", path, "{}", "Authorization", bearer(token));

        JsonNode problem = assertProblem(response, 503, "service-unavailable", path);
        assertThat(problem.path("detail").asString()).startsWith("notification-service is unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @DisplayName("GW-3 a service slower than the route's response timeout gives 504 problem details")
    void slowServiceIs504() {
        String path = "/api/customers/slow-" + UUID.randomUUID();
        long started = System.nanoTime();

        HttpResponse<String> response = get(path + "?delayMs=" + (RESPONSE_TIMEOUT_MS + 3000), "Authorization", bearer(token));

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        JsonNode problem = assertProblem(response, 504, "upstream-timeout", path);
        assertThat(problem.path("detail").asString()).isEqualTo("customer-service did not answer in time, try again shortly");
        assertThat(tookMs).isBetween((long) RESPONSE_TIMEOUT_MS - 100, RESPONSE_TIMEOUT_MS + 2000L);
    }

    @Test
    @DisplayName("issue 10 GW-3 80 concurrent calls to one route all get through: no default bulkhead of 25 refuses them and opens the breaker")
    void concurrentCallsAreNotRefused() throws Exception {
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(80);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String caller = bearer(TestTokens.sales(TestTokens.LOCAL, "crowd-" + i + "-" + UUID.randomUUID()));
                String path = "/api/sales/crowd-" + UUID.randomUUID() + "?delayMs=400";
                answers.add(callers.submit(() -> get(path, "Authorization", caller).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @DisplayName("GW-3 an answer slower than resilience4j's 1 s default but within the route timeout gets through")
    void slowButInTimeGetsThrough() {
        String path = "/api/aftersales/slowish-" + UUID.randomUUID();

        HttpResponse<String> response = get(path + "?delayMs=1200", "Authorization", bearer(token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("service").asString()).isEqualTo("aftersales-service");
    }

    @Test
    @DisplayName("GW-3 repeated failures open the route's circuit breaker, and the fallback says so")
    void circuitOpensAfterRepeatedFailures() {
        // application.yml: minimum-number-of-calls 10, failure-rate-threshold 50 (resilience4j's default needs 100)
        String lastDetail = "";
        int calls = 0;
        while (!lastDetail.contains("circuit open") && calls < 12) {
            String path = "/docs/notifications";
            HttpResponse<String> response = get(path);
            lastDetail = assertProblem(response, 503, "service-unavailable", path).path("detail").asString();
            calls++;
        }
        assertThat(lastDetail).isEqualTo("notification-service is unavailable (circuit open), try again shortly");
    }
}
