package org.dealerplatform.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.dealerplatform.security.tokens.TokenPolicy;

/**
 * Signs tokens the services accept in tests: the test key, {@code exp}, the default issuer and audience (SEC-1).
 * {@link #signWith} changes any claim, for tests of tokens that must be refused.
 */
public final class DevTokens {

    /**
     * The HS256 key of the service tests (they run without the {@code local} profile, where the dev key is refused).
     */
    public static final String DEV_KEY = "test-only-signing-key-of-the-service-tests-0123456789";
    /** The {@code iss} the services expect unless configured otherwise. */
    public static final String ISSUER = TokenPolicy.DEFAULT_ISSUER;
    /** The {@code aud} the services expect unless configured otherwise. */
    public static final String AUDIENCE = TokenPolicy.DEFAULT_AUDIENCE;

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
        return signWith(key, claims -> {
            Instant issuedAt = expiresAt.isAfter(Instant.now()) ? Instant.now() : expiresAt.minusSeconds(3600);
            claims.subject(subject).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .claim("roles", Arrays.asList(roles));
            if (branchId != null) {
                claims.claim("branchId", branchId);
            }
        });
    }

    /**
     * A token signed with {@code key} whose claims start as issuer, audience and issue time and then get
     * {@code claims} applied (set a claim to null to drop it).
     */
    public static String signWith(String key, Consumer<JWTClaimsSet.Builder> claims) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .issueTime(new Date());
            claims.accept(builder);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
