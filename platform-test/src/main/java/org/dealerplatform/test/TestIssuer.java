package org.dealerplatform.test;

import org.dealerplatform.security.tokens.StaticIssuerKey;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for the identity provider's JWKS in test contexts (UI-1): the services trust the public half of
 * {@link DevTokens#DEV_KEY}, so test tokens need no issuer. {@link ServiceTest} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIssuer {

    @Bean
    StaticIssuerKey testIssuerKey() {
        return DevTokens.issuerKey();
    }
}
