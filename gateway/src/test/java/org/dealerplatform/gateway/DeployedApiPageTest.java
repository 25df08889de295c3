package org.dealerplatform.gateway;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ECO-3 SEC-6: outside {@code local} the API page, its configuration and the AsyncAPI document are not anonymous. */
class DeployedApiPageTest extends DeployedGatewayTest {

    /** The gateway's own answers only: none of them is rate-limited, so the tiny deployed burst does not matter. */
    private static final List<String> PAGES = List.of("/docs/index.html", "/docs/swagger-ui/index.html",
            "/docs/swagger-ui/swagger-initializer.js", "/docs/api-docs/swagger-config", "/docs/asyncapi.yaml");

    @Test
    @DisplayName("ECO-3 SEC-6 outside local the API page and the AsyncAPI document need HQ or MONITORING, like the documents")
    void apiPageNeedsAnOperationsRole() {
        String monitoring = bearer(TestTokens.monitoring(TestTokens.DEPLOYED));
        String hq = bearer(TestTokens.hq(TestTokens.DEPLOYED, "hannah-" + UUID.randomUUID()));
        String sales = bearer(TestTokens.sales(TestTokens.DEPLOYED, "alice-" + UUID.randomUUID()));

        for (String page : PAGES) {
            assertProblem(get(page), 401, "unauthorized", page);
            assertThat(get(page, "Authorization", sales).statusCode()).as(page).isEqualTo(403);
            assertThat(get(page, "Authorization", monitoring).statusCode()).as(page).isIn(200, 302);
            assertThat(get(page, "Authorization", hq).statusCode()).as(page).isIn(200, 302);
        }
        assertThat(get("/docs/api-docs/swagger-config", "Authorization", monitoring).body())
                .contains("/docs/customers", "/docs/sales", "/docs/aftersales", "/docs/notifications");
    }
}
