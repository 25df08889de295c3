package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeployedSecurityTest extends DeployedGatewayTest {

    @Test
    @DisplayName("GW-2 SEC-2 the gateway mints no tokens: /dev/token is gone, 401 anonymously, 404 with a valid token")
    void devTokenEndpointIsAbsent() {
        assertProblem(get("/dev/token?sub=alice&roles=HQ"), 401, "unauthorized", "/dev/token");

        HttpResponse<String> authenticated = get("/dev/token?sub=alice&roles=HQ", "Authorization",
                bearer(TestTokens.hq(TestTokens.DEPLOYED, "hannah-" + UUID.randomUUID())));

        assertProblem(authenticated, 404, "not-found", "/dev/token");
    }

    @Test
    @DisplayName("UI-1 SEC-1 tokens are checked against the issuer's key and name: the local dev issuer's, a foreign key's and HS256 tokens are refused")
    void validatesAgainstTheIssuer() {
        String path = "/api/sales/" + UUID.randomUUID();

        assertProblem(get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice"))), 401,
                "unauthorized", path);
        assertProblem(get(path, "Authorization", bearer(TestTokens.sales(TestTokens.FOREIGN, "mallory"))), 401,
                "unauthorized", path);
        assertProblem(get(path, "Authorization", bearer(TestTokens.hs256(TestTokens.DEPLOYED, c -> c.subject("mallory")
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(600)))
                .claim("roles", java.util.List.of("SALES")).claim("branchId", "JS-NJ-01")))), 401, "unauthorized", path);
        assertThat(SALES.receivedFor(path)).isEmpty();
        assertThat(get(path, "Authorization", bearer(TestTokens.sales(TestTokens.DEPLOYED,
                "alice-" + UUID.randomUUID()))).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-6 outside local, metrics and API documents need HQ or MONITORING; MONITORING reaches no business endpoint")
    void operationsEndpointsNeedARole() {
        String monitoring = bearer(TestTokens.monitoring(TestTokens.DEPLOYED));
        String sales = bearer(TestTokens.sales(TestTokens.DEPLOYED, "alice-" + UUID.randomUUID()));

        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertProblem(get("/actuator/prometheus"), 401, "unauthorized", "/actuator/prometheus");
        assertProblem(get("/docs/customers"), 401, "unauthorized", "/docs/customers");
        assertThat(get("/actuator/prometheus", "Authorization", sales).statusCode()).isEqualTo(403);
        assertThat(get("/docs/customers", "Authorization", sales).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "Authorization", monitoring).statusCode()).isEqualTo(200);
        assertThat(get("/docs/customers", "Authorization", monitoring).statusCode()).isEqualTo(200);

        String path = "/api/sales/" + UUID.randomUUID();
        assertThat(get(path, "Authorization", monitoring).statusCode()).isEqualTo(403);
        assertThat(SALES.receivedFor(path)).isEmpty();
    }
}
