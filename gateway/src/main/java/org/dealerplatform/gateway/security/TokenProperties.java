package org.dealerplatform.gateway.security;

import org.dealerplatform.security.tokens.IssuerSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the tokens the gateway accepts come from ({@code dealer.security.*}): the identity provider's JWKS (env
 * {@code DEALER_JWT_JWK_SET_URI}), its issuer ({@code DEALER_JWT_ISSUER}) and the audience ({@code
 * DEALER_JWT_AUDIENCE}); the same settings every service reads (UI-1, SEC-1).
 */
@ConfigurationProperties("dealer.security")
public record TokenProperties(String jwkSetUri, String issuer, String audience) {

    /** The settings as the shared token rules see them. */
    public IssuerSettings issuerSettings() {
        return new IssuerSettings(jwkSetUri, issuer, audience);
    }
}
