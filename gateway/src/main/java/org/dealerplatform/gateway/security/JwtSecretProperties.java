package org.dealerplatform.gateway.security;

import javax.crypto.SecretKey;

import org.dealerplatform.security.tokens.SigningKeys;
import org.dealerplatform.security.tokens.TokenPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HS256 secret shared by the gateway and the services ({@code dealer.security.jwt-secret}, env
 * {@code DEALER_JWT_SECRET}; no default outside the {@code local} profile) and the issuer and audience every token
 * must name (SEC-1).
 */
@ConfigurationProperties("dealer.security")
public record JwtSecretProperties(String jwtSecret, String issuer, String audience) {

    /** HS256 needs a key at least as long as its 256-bit hash (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = SigningKeys.MIN_HS256_BYTES;

    /**
     * The HMAC-SHA256 key; refuses to start the gateway with a missing or too short secret, or outside the
     * {@code local} profile with a key published in the repository (SEC-2).
     */
    public SecretKey signingKey(boolean localProfile) {
        return SigningKeys.hs256(jwtSecret, localProfile);
    }

    /** The token rules shared with the services, for the configured issuer and audience. */
    public TokenPolicy tokenPolicy() {
        return TokenPolicy.of(issuer, audience);
    }
}
