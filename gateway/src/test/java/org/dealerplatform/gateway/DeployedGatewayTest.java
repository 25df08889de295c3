package org.dealerplatform.gateway;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway as deployed: no {@code local} profile, the secret from configuration, dev tokens switched on by
 * property (which must not be enough, SEC-2), and a tiny rate limit (burst 3, one token every 2 s) so the limit is
 * reached within a test; one cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dealer.security.jwt-secret=" + TestTokens.TEST_SECRET,
        "dealer.dev-tokens.enabled=true",
        "dealer.gateway.rate-limit.burst=3",
        "dealer.gateway.rate-limit.replenish-per-second=0.5"})
abstract class DeployedGatewayTest extends GatewayTestSupport {
}
