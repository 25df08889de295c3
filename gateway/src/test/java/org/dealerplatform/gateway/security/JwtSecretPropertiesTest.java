package org.dealerplatform.gateway.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretPropertiesTest {

    @Test
    @DisplayName("GW-2 the gateway refuses to start without a signing secret")
    void refusesMissingSecret() {
        assertThatThrownBy(() -> new JwtSecretProperties(null, null, null).signingKey(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_SECRET");
        assertThatThrownBy(() -> new JwtSecretProperties(" ", null, null).signingKey(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_SECRET");
    }

    @Test
    @DisplayName("GW-2 a secret shorter than 256 bits is refused for HS256")
    void refusesShortSecret() {
        assertThatThrownBy(() -> new JwtSecretProperties("too-short-secret", null, null).signingKey(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    @DisplayName("GW-2 a long enough secret becomes an HmacSHA256 key")
    void buildsHmacKey() {
        assertThat(new JwtSecretProperties("dev-only-signing-key-not-for-production-0123456789", null, null)
                .signingKey(true).getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(new JwtSecretProperties("a-random-secret-nobody-has-seen-0123456789", null, null)
                .signingKey(false).getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    @DisplayName("SEC-2 outside the local profile the gateway refuses the dev key and the deployment placeholders")
    void refusesPublishedKeysOutsideLocal() {
        for (String published : new String[] {"dev-only-signing-key-not-for-production-0123456789",
                "FAKE-PLACEHOLDER-replace-me-this-is-not-a-secret-0000000000",
                "dev-only-INSECURE-jwt-secret-do-not-use-outside-localhost-0000"}) {
            assertThatThrownBy(() -> new JwtSecretProperties(published, null, null).signingKey(false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("local");
        }
    }

    @Test
    @DisplayName("SEC-1 issuer and audience default to dealer-platform and dealer-api")
    void defaultIssuerAndAudience() {
        assertThat(new JwtSecretProperties(null, null, null).tokenPolicy().issuer()).isEqualTo("dealer-platform");
        assertThat(new JwtSecretProperties(null, "idp", "api").tokenPolicy().audience()).isEqualTo("api");
    }
}
