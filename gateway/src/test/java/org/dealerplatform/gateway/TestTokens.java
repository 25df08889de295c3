package org.dealerplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs HS256 tokens the way an identity provider (or /dev/token) would, with any key, subject, roles and expiry; the
 * issuer is the one the gateway expects for that key's profile, the audience the default (SEC-1).
 */
final class TestTokens {

    /** The key of application-local.yml. */
    static final String DEV_SECRET = "dev-only-signing-key-not-for-production-0123456789";
    /** The key the non-local test context is configured with. */
    static final String TEST_SECRET = "test-secret-for-the-gateway-tests-0123456789abcdef";
    /** The issuer of the local profile (dev key) and of every other profile. */
    static final String LOCAL_ISSUER = "dealer-local";
    static final String ISSUER = "dealer-platform";
    static final String AUDIENCE = "dealer-api";
    /** A well-formed key nobody trusts. */
    static final String FOREIGN_SECRET = "someone-elses-signing-key-0123456789-abcdefghijkl";

    private TestTokens() {
    }

    static String sales(String secret, String sub) {
        return sign(secret, sub, List.of("SALES"), "JS-NJ-01", Instant.now().plus(Duration.ofHours(1)));
    }

    static String hq(String secret, String sub) {
        return sign(secret, sub, List.of("HQ"), null, Instant.now().plus(Duration.ofHours(1)));
    }

    static String sign(String secret, String sub, List<String> roles, String branchId, Instant expiresAt) {
        return signWith(secret, claims -> {
            claims.subject(sub)
                    .claim("roles", roles)
                    .issueTime(Date.from(expiresAt.minus(Duration.ofHours(12))))
                    .expirationTime(Date.from(expiresAt));
            if (branchId != null) {
                claims.claim("branchId", branchId);
            }
        });
    }

    /** A token with the expected issuer and audience, then {@code change} applied (a null value drops a claim). */
    static String signWith(String secret, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(DEV_SECRET.equals(secret) ? LOCAL_ISSUER : ISSUER)
                .audience(AUDIENCE);
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
