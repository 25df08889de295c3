package org.dealerplatform.gateway.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HS256 secret shared by the gateway and the services ({@code dealer.security.jwt-secret}, env
 * {@code DEALER_JWT_SECRET}); there is deliberately no default outside the {@code local} profile.
 */
@ConfigurationProperties("dealer.security")
public record JwtSecretProperties(String jwtSecret) {

    /** HS256 needs a key at least as long as its 256-bit hash (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    /** The HMAC-SHA256 key; refuses to start the gateway with a missing or too short secret. */
    public SecretKey signingKey() {
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalStateException("dealer.security.jwt-secret (env DEALER_JWT_SECRET) is not set: "
                    + "the gateway cannot validate tokens without the shared signing secret");
        }
        byte[] bytes = jwtSecret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("dealer.security.jwt-secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
