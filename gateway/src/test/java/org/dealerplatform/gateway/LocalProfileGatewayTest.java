package org.dealerplatform.gateway;

import org.dealerplatform.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The gateway as a developer runs it (profile {@code local}: the dev issuer's address as issuer), the test issuer's key
 * standing in for the dev issuer's JWKS ({@link TestIssuer}); one cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@Import(TestIssuer.class)
abstract class LocalProfileGatewayTest extends GatewayTestSupport {
}
