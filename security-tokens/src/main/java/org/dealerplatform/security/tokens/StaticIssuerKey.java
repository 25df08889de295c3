package org.dealerplatform.security.tokens;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * Tests only: a public key that stands in for the issuer's JWKS, so a test context needs no identity provider. When a
 * bean of this type exists, the gateway and the services verify RS256 tokens with it instead of fetching
 * {@code dealer.security.jwk-set-uri}; no main code declares one. The private half lives in the test JVM only.
 */
public record StaticIssuerKey(RSAPublicKey publicKey) {

    public StaticIssuerKey {
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
