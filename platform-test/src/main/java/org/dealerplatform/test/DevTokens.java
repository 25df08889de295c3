package org.dealerplatform.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs tokens with the dev-only key, as the gateway's {@code /dev/token} does locally (never used in production). */
public final class DevTokens {

    /** The dev-only HS256 key of the {@code local} profile and of the tests. */
    public static final String DEV_KEY = "dev-only-signing-key-not-for-production-0123456789";

    private DevTokens() {
    }

    public static String token(String subject, String branchId, String... roles) {
        return sign(subject, branchId, Instant.now().plusSeconds(3600), DEV_KEY, roles);
    }

    public static String hq() {
        return token("hq-analyst", null, "HQ");
    }

    /** An {@code Authorization} header value for a branch user with the given roles. */
    public static String bearer(String subject, String branchId, String... roles) {
        return "Bearer " + token(subject, branchId, roles);
    }

    public static String sign(String subject, String branchId, Instant expiresAt, String key, String... roles) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("dealer-test")
                    .issueTime(new Date())
                    .expirationTime(Date.from(expiresAt))
                    .claim("roles", Arrays.asList(roles));
            if (branchId != null) {
                claims.claim("branchId", branchId);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
