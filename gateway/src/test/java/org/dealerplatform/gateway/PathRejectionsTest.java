package org.dealerplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * SEC-8 at the gateway (issue 12 found 94 empty, non-problem 400 answers for encoded {@code ../} or {@code %00} in
 * path segments): what the gateway refuses in a path is a problem detail, and nothing of it reaches a service.
 */
class PathRejectionsTest extends LocalProfileGatewayTest {

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/customers/%2e%2e/admin", "/api/customers/..%2fadmin", "/api/customers/%2e%2e%2fadmin",
            "/api/customers/a%00b", "/api/customers/a%2fb", "/api/customers/a%5cb", "/api/customers/a;b"})
    @DisplayName("SEC-8 an encoded ../, slash, backslash, NUL or ; in a path is refused at the gateway with a 400 problem detail and never reaches the service")
    void pathRefusalsAreProblems(String path) {
        HttpResponse<String> response = get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice")));

        JsonNode problem = assertProblem(response, 400, "bad-request", path);
        assertThat(problem.path("detail").asString()).contains("refused");
        for (String forwarded : List.of("/api/admin", "/api/customers/admin", "/api/customers/../admin", path,
                java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(CUSTOMERS.receivedFor(forwarded)).as(forwarded).isEmpty();
        }
    }
}
