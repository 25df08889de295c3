package org.dealerplatform.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The gateway as a developer runs it (profile {@code local}: dev key, /dev/token on); one cached context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
abstract class LocalProfileGatewayTest extends GatewayTestSupport {
}
