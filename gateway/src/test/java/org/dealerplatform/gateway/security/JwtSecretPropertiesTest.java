package org.dealerplatform.gateway.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretPropertiesTest {

    @Test
    @DisplayName("GW-2 the gateway refuses to start without a signing secret")
    void refusesMissingSecret() {
        assertThatThrownBy(() -> new JwtSecretProperties(null).signingKey())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_SECRET");
        assertThatThrownBy(() -> new JwtSecretProperties(" ").signingKey())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEALER_JWT_SECRET");
    }

    @Test
    @DisplayName("GW-2 a secret shorter than 256 bits is refused for HS256")
    void refusesShortSecret() {
        assertThatThrownBy(() -> new JwtSecretProperties("too-short-secret").signingKey())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    @DisplayName("GW-2 a long enough secret becomes an HmacSHA256 key")
    void buildsHmacKey() {
        assertThat(new JwtSecretProperties("dev-only-signing-key-not-for-production-0123456789").signingKey()
                .getAlgorithm()).isEqualTo("HmacSHA256");
    }
}
