package org.dealerplatform.gateway;

import org.dealerplatform.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The gateway as deployed: no {@code local} profile, the test issuer's key standing in for the identity provider's
 * JWKS ({@link TestIssuer}), the default issuer, on Kubernetes (where Boot would trust forwarded headers, SEC-5), and a
 * tiny rate limit (burst 3, one token every 10 s) so the limit is reached within a test even on a slow machine; one
 * cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.cloud-platform=kubernetes",
        "dealer.gateway.rate-limit.burst=3",
        "dealer.gateway.rate-limit.replenish-per-second=0.1"})
@Import(TestIssuer.class)
abstract class DeployedGatewayTest extends GatewayTestSupport {
}
