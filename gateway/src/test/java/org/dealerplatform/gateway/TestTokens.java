package org.dealerplatform.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import org.dealerplatform.test.DevTokens;

/**
 * Signs RS256 tokens the way the identity provider would (UI-1), with the test issuer's key or a foreign one, any
 * subject, roles and expiry; the issuer is the one the gateway expects in that profile, the audience the default
 * (SEC-1). The test contexts trust the test issuer's key through {@code TestIssuer}.
 */
final class TestTokens {

    /** Who signs, with which key, naming which issuer. */
    enum Signer {
        /** The test issuer, as the {@code local} profile expects it (the local runtime's dev issuer address). */
        LOCAL(DevTokens.DEV_KEY, "http://localhost:8088"),
        /** The test issuer, as a deployed gateway expects it (the default issuer). */
        DEPLOYED(DevTokens.DEV_KEY, DevTokens.ISSUER),
        /** A well-formed RSA key nobody trusts. */
        FOREIGN(DevTokens.foreignKey(), DevTokens.ISSUER);

        final RSAKey key;
        final String issuer;

        Signer(RSAKey key, String issuer) {
            this.key = key;
            this.issuer = issuer;
        }
    }

    static final Signer LOCAL = Signer.LOCAL;
    static final Signer DEPLOYED = Signer.DEPLOYED;
    static final Signer FOREIGN = Signer.FOREIGN;
    static final String AUDIENCE = DevTokens.AUDIENCE;

    private TestTokens() {
    }

    static String sales(Signer signer, String sub) {
        return sign(signer, sub, List.of("SALES"), "JS-NJ-01", Instant.now().plus(Duration.ofHours(1)));
    }

    static String hq(Signer signer, String sub) {
        return sign(signer, sub, List.of("HQ"), null, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A metrics scraper's token (SEC-6): metrics and API documents only. */
    static String monitoring(Signer signer) {
        return sign(signer, "prometheus", List.of("MONITORING"), null, Instant.now().plus(Duration.ofHours(1)));
    }

    static String sign(Signer signer, String sub, List<String> roles, String branchId, Instant expiresAt) {
        return signWith(signer, claims -> {
            claims.subject(sub)
                    .claim("roles", roles)
                    .issueTime(Date.from(expiresAt.minus(Duration.ofHours(12))))
                    .expirationTime(Date.from(expiresAt));
            if (branchId != null) {
                claims.claim("branchId", branchId);
            }
        });
    }

    /** A token with the signer's issuer and the audience, then {@code change} applied (a null value drops a claim). */
    static String signWith(Signer signer, Consumer<JWTClaimsSet.Builder> change) {
        return DevTokens.signWith(signer.key, claims -> change.accept(claims.issuer(signer.issuer)));
    }

    /** The same, signed HS256 with a shared secret: the old kind of token, refused now (UI-1). */
    static String hs256(Signer signer, Consumer<JWTClaimsSet.Builder> change) {
        return DevTokens.hs256("the-old-shared-secret-of-at-least-32-bytes",
                claims -> change.accept(claims.issuer(signer.issuer)));
    }
}
