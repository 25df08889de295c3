package org.dealerplatform.gateway.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenPropertiesTest {

    private static Object decoder(TokenProperties properties, String... profiles) {
        SecurityConfiguration configuration = new SecurityConfiguration();
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return configuration.jwtDecoder(properties, configuration.tokenPolicy(properties), environment,
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(org.dealerplatform.security.tokens.StaticIssuerKey.class));
    }

    @Test
    @DisplayName("SEC-2 the gateway refuses to start without the issuer's JWKS or the issuer")
    void refusesMissingIssuer() {
        assertThatThrownBy(() -> decoder(new TokenProperties(null, "https://idp.example.com", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_JWK_SET_URI");
        assertThatThrownBy(() -> decoder(new TokenProperties("https://idp.example.com/jwks", " ", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_ISSUER");
    }

    @Test
    @DisplayName("SEC-2 outside the local profile the gateway refuses the local runtime's dev issuer")
    void refusesDevIssuerOutsideLocal() {
        TokenProperties dev = new TokenProperties("http://127.0.0.1:8088/oauth2/jwks", "http://localhost:8088", null);

        assertThatThrownBy(() -> decoder(dev)).isInstanceOf(IllegalStateException.class).hasMessageContaining("local");
        assertThat(decoder(dev, "local")).isNotNull();
        assertThat(decoder(new TokenProperties("https://idp.example.com/jwks", "https://idp.example.com", null)))
                .isNotNull();
    }

    @Test
    @DisplayName("SEC-1 the audience defaults to dealer-api; the issuer is the configured one")
    void issuerAndAudience() {
        assertThat(new TokenProperties(null, "idp", null).issuerSettings().policy().audience()).isEqualTo("dealer-api");
        assertThat(new TokenProperties(null, "idp", "api").issuerSettings().policy().issuer()).isEqualTo("idp");
    }
}
