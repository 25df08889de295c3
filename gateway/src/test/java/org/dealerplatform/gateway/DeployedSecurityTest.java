package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeployedSecurityTest extends DeployedGatewayTest {

    @Test
    @DisplayName("GW-2 SEC-2 without profile local there is no /dev/token, even when switched on: 401 anonymously, 404 with a valid token")
    void devTokenEndpointIsAbsent() {
        assertProblem(get("/dev/token?sub=alice&roles=HQ"), 401, "unauthorized", "/dev/token");

        HttpResponse<String> authenticated = get("/dev/token?sub=alice&roles=HQ", "Authorization",
                bearer(TestTokens.hq(TestTokens.TEST_SECRET, "hannah-" + UUID.randomUUID())));

        assertProblem(authenticated, 404, "not-found", "/dev/token");
    }

    @Test
    @DisplayName("GW-2 tokens are checked against the configured secret: the dev key's tokens are refused here")
    void validatesWithTheConfiguredSecret() {
        String path = "/api/sales/" + UUID.randomUUID();

        assertProblem(get(path, "Authorization", bearer(TestTokens.sales(TestTokens.DEV_SECRET, "alice"))), 401,
                "unauthorized", path);
        assertThat(get(path, "Authorization", bearer(TestTokens.sales(TestTokens.TEST_SECRET,
                "alice-" + UUID.randomUUID()))).statusCode()).isEqualTo(200);
    }
}
