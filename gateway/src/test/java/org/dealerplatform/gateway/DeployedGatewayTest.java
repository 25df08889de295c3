package org.dealerplatform.gateway;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway as deployed: no {@code local} profile, the secret from configuration, dev tokens switched on by
 * property (which must not be enough, SEC-2), on Kubernetes (where Boot would trust forwarded headers, SEC-5), and a
 * tiny rate limit (burst 3, one token every 10 s) so the limit is reached within a test even on a slow machine; one
 * cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dealer.security.jwt-secret=" + TestTokens.TEST_SECRET,
        "dealer.dev-tokens.enabled=true",
        "spring.main.cloud-platform=kubernetes",
        "dealer.gateway.rate-limit.burst=3",
        "dealer.gateway.rate-limit.replenish-per-second=0.1"})
abstract class DeployedGatewayTest extends GatewayTestSupport {
}
