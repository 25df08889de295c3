package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest extends LocalProfileGatewayTest {

    @Test
    @DisplayName("GW-2 a request without a token gets 401 problem details and never reaches the service")
    void missingTokenIs401() {
        String path = "/api/customers/" + UUID.randomUUID();

        HttpResponse<String> response = get(path);

        JsonNode problem = assertProblem(response, 401, "unauthorized", path);
        assertThat(problem.path("detail").asString()).isEqualTo("A bearer token is required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(CUSTOMERS.receivedFor(path)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"foreign-key", "hs256", "garbage", "unsigned"})
    @DisplayName("GW-2 UI-1 a token of another key, an HS256 token, no signature or no JWT at all gets 401 problem details")
    void invalidTokenIs401(String kind) {
        String token = switch (kind) {
            case "foreign-key" -> TestTokens.sales(TestTokens.FOREIGN, "mallory");
            case "hs256" -> TestTokens.hs256(TestTokens.LOCAL, c -> c.subject("mallory").claim("roles", List.of("SALES"))
                    .claim("branchId", "JS-NJ-01").expirationTime(Date.from(Instant.now().plusSeconds(600))));
            case "garbage" -> "not-a-jwt";
            default -> unsigned(TestTokens.sales(TestTokens.LOCAL, "mallory"));
        };
        String path = "/api/sales/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(token));

        JsonNode problem = assertProblem(response, 401, "unauthorized", path);
        assertThat(problem.path("detail").asString()).isEqualTo("The bearer token is invalid");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("invalid_token"));
        assertThat(SALES.receivedFor(path)).isEmpty();
    }

    @Test
    @DisplayName("GW-2 an expired token gets 401 problem details saying it expired")
    void expiredTokenIs401() {
        String expired = TestTokens.sign(TestTokens.LOCAL, "alice", List.of("SALES"), "JS-NJ-01",
                Instant.now().minus(Duration.ofMinutes(5)));
        String path = "/api/customers/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(expired));

        JsonNode problem = assertProblem(response, 401, "unauthorized", path);
        assertThat(problem.path("detail").asString()).isEqualTo("The bearer token has expired");
        assertThat(CUSTOMERS.receivedFor(path)).isEmpty();
    }

    static Stream<Arguments> tokensBreakingARule() {
        TestTokens.Signer key = TestTokens.LOCAL;
        Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
        return Stream.of(
                Arguments.of("without exp", TestTokens.signWith(key, c -> c.subject("eve").claim("roles", List.of("HQ")))),
                Arguments.of("expired", TestTokens.sign(key, "eve", List.of("HQ"), null, Instant.now().minusSeconds(300))),
                Arguments.of("of another issuer", TestTokens.signWith(key, c -> c.subject("eve").issuer("someone-else")
                        .expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("without issuer", TestTokens.signWith(key, c -> c.subject("eve").issuer(null)
                        .expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("for another audience", TestTokens.signWith(key, c -> c.subject("eve")
                        .audience("another-api").expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("SALES without branchId", TestTokens.sign(key, "eve", List.of("SALES"), null,
                        inAnHour.toInstant())),
                Arguments.of("with an unknown role", TestTokens.sign(key, "eve", List.of("HQ", "ADMIN"), null,
                        inAnHour.toInstant())),
                Arguments.of("with roles as a string", TestTokens.signWith(key, c -> c.subject("eve")
                        .expirationTime(inAnHour).claim("roles", "HQ"))));
    }

    @ParameterizedTest(name = "a token {0}")
    @MethodSource("tokensBreakingARule")
    @DisplayName("SEC-1 a correctly signed token breaking a token rule gets a 401 problem and never reaches a service")
    void tokenRules(String breaking, String token) {
        String path = "/api/hq/targets/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(token));

        assertProblem(response, 401, "unauthorized", path);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("invalid_token"));
        assertThat(SALES.receivedFor(path)).isEmpty();
    }

    @Test
    @DisplayName("GW-2 HQ reports are forbidden (403 problem) to a SALES token and open to an HQ token")
    void hqReportsNeedTheHqRole() {
        String path = "/api/hq/reports/" + UUID.randomUUID();

        HttpResponse<String> sales = get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL,
                "alice")));

        assertProblem(sales, 403, "forbidden", path);
        assertThat(SALES.receivedFor(path)).isEmpty();

        HttpResponse<String> hq = get(path, "Authorization", bearer(TestTokens.hq(TestTokens.LOCAL, "hannah")));

        assertThat(hq.statusCode()).isEqualTo(200);
        assertThat(SALES.receivedFor(path)).hasSize(1);
    }

    @Test
    @DisplayName("GW-4 a path no route serves gets 404 problem details")
    void unknownPathIs404() {
        HttpResponse<String> response = get("/api/unknown/things", "Authorization",
                bearer(TestTokens.sales(TestTokens.LOCAL, "alice")));

        assertProblem(response, 404, "not-found", "/api/unknown/things");
    }

    @Test
    @DisplayName("SEC-6 in profile local, health, info and Prometheus metrics (tagged application=gateway) are public")
    void actuatorIsPublic() {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("application=\"gateway\"");
    }

    @Test
    @DisplayName("NOT-5 provider webhooks pass the gateway without a token (notification-service checks their signature)")
    void providerWebhooksNeedNoToken() {
        HttpResponse<String> webhook = get("/api/notifications/webhooks/sms/primary/receipts");
        HttpResponse<String> api = get("/api/notifications/calls");

        assertThat(api.statusCode()).isEqualTo(401);
        // notification-service is down in this test: the request got past security to the route and its fallback
        assertThat(webhook.statusCode()).isEqualTo(503);
    }

    @Test
    @DisplayName("GW-2 actuator endpoints that are not exposed publicly are not reachable without a token")
    void otherActuatorEndpointsAreClosed() {
        assertProblem(get("/actuator/env"), 401, "unauthorized", "/actuator/env");
    }

    @Test
    @DisplayName("SEC-3 a JSON body over 256 KiB is a 413 problem at the gateway and never reaches the service; one under it passes")
    void oversizedJsonIs413() {
        String path = "/api/customers/" + UUID.randomUUID();
        String token = bearer(TestTokens.sales(TestTokens.LOCAL, "alice"));

        HttpResponse<String> tooLarge = send("POST", path, "{\"note\":\"" + "a".repeat(256 * 1024) + "\"}",
                "Authorization", token);

        JsonNode problem = assertProblem(tooLarge, 413, "content-too-large", path);
        assertThat(problem.path("detail").asString()).contains("256 KiB");
        assertThat(CUSTOMERS.receivedFor(path)).isEmpty();
        assertThat(send("POST", path, "{\"note\":\"" + "a".repeat(100 * 1024) + "\"}", "Authorization", token)
                .statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-3 per-route limits: a webhook body over 64 KiB and an import declaring over 32 MiB are 413 problems at the gateway and never reach the service")
    void perRouteLimits() throws Exception {
        String webhook = "/api/notifications/webhooks/sms/sms-primary/receipts";
        HttpResponse<String> receipt = send("POST", webhook, "{\"note\":\"" + "a".repeat(64 * 1024) + "\"}");
        assertThat(assertProblem(receipt, 413, "content-too-large", webhook).path("detail").asString())
                .contains("64 KiB");

        // the limit acts on the declared length, before a byte of the body is read: headers alone are enough
        String token = bearer(TestTokens.sales(TestTokens.LOCAL, "alice"));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/customers/import HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nAuthorization: " + token + "\r\nContent-Type: text/csv\r\nContent-Length: "
                    + (32L * 1024 * 1024 + 1) + "\r\n\r\nbranchId,name\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("32 MiB");
        }
        assertThat(CUSTOMERS.receivedFor("/api/customers/import")).isEmpty();
    }

    /** The same claims with {@code alg: none} and no signature: must never be accepted. */
    private static String unsigned(String signedToken) {
        String[] parts = signedToken.split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return noneHeader + "." + parts[1] + ".";
    }
}
