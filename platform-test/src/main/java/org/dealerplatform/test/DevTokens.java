package org.dealerplatform.test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.dealerplatform.security.tokens.StaticIssuerKey;
import org.dealerplatform.security.tokens.TokenPolicy;

/**
 * Signs RS256 tokens the services accept in tests, as the identity provider would (UI-1): a key pair generated once
 * per JVM (never written anywhere), {@code exp}, the default issuer and audience (SEC-1). {@link TestIssuer} makes
 * the test contexts trust {@link #DEV_KEY}'s public half; {@link #signWith} changes any claim and {@link #foreignKey()}
 * or {@link #hs256} make tokens that must be refused.
 */
public final class DevTokens {

    /** The test issuer's key pair (private half in this JVM only), trusted by every test context. */
    public static final RSAKey DEV_KEY = generate("test-issuer");
    /** The {@code iss} the services expect in tests. */
    public static final String ISSUER = TokenPolicy.DEFAULT_ISSUER;
    /** The {@code aud} the services expect unless configured otherwise. */
    public static final String AUDIENCE = TokenPolicy.DEFAULT_AUDIENCE;

    private DevTokens() {
    }

    /**
     * A well-formed RSA key nobody trusts: its tokens are forgeries. Made on first use (a 2048-bit key costs about a
     * second of a test JVM's CPU, and few tests need it).
     */
    public static RSAKey foreignKey() {
        return Foreign.KEY;
    }

    private static final class Foreign {
        static final RSAKey KEY = generate("someone-else");
    }

    public static String token(String subject, String branchId, String... roles) {
        return sign(subject, branchId, Instant.now().plusSeconds(3600), DEV_KEY, roles);
    }

    /** A SALES token linked to the salesperson record {@code salespersonId} (UI-1). */
    public static String salesperson(String subject, String branchId, String salespersonId) {
        return signWith(DEV_KEY, claims -> claims.subject(subject).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim(TokenPolicy.ROLES_CLAIM, java.util.List.of("SALES")).claim(TokenPolicy.BRANCH_CLAIM, branchId)
                .claim(TokenPolicy.SALESPERSON_CLAIM, salespersonId));
    }

    public static String hq() {
        return token("hq-analyst", null, "HQ");
    }

    /**
     * An {@code Authorization} header value for a metrics scraper (role MONITORING): outside the {@code local} profile
     * it may read metrics and API documents and nothing else (SEC-6).
     */
    public static String monitoring() {
        return bearer("prometheus", null, "MONITORING");
    }

    /** An {@code Authorization} header value for a branch user with the given roles. */
    public static String bearer(String subject, String branchId, String... roles) {
        return "Bearer " + token(subject, branchId, roles);
    }

    public static String sign(String subject, String branchId, Instant expiresAt, RSAKey key, String... roles) {
        return signWith(key, claims -> {
            Instant issuedAt = expiresAt.isAfter(Instant.now()) ? Instant.now() : expiresAt.minusSeconds(3600);
            claims.subject(subject).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .claim(TokenPolicy.ROLES_CLAIM, Arrays.asList(roles));
            if (branchId != null) {
                claims.claim(TokenPolicy.BRANCH_CLAIM, branchId);
            }
        });
    }

    /**
     * An RS256 token signed with {@code key} whose claims start as issuer, audience and issue time and then get
     * {@code claims} applied (set a claim to null to drop it).
     */
    public static String signWith(RSAKey key, Consumer<JWTClaimsSet.Builder> claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims(claims));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same claims signed HS256 with {@code secret} (at least 32 bytes): the shared-secret tokens of old, which
     * every app must refuse now (UI-1).
     */
    public static String hs256(String secret, Consumer<JWTClaimsSet.Builder> claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    claims(claims));
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half of {@link #DEV_KEY} as the test contexts trust it. */
    public static StaticIssuerKey issuerKey() {
        try {
            return new StaticIssuerKey((RSAPublicKey) DEV_KEY.toPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK set an issuer of {@link #DEV_KEY} would publish (public keys only). */
    public static String jwks() {
        return new JWKSet(DEV_KEY.toPublicJWK()).toString();
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).issueTime(new Date());
        change.accept(builder);
        return builder.build();
    }

    private static RSAKey generate(String name) {
        try {
            return new RSAKeyGenerator(2048).keyID(name + "-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the test RSA key", e);
        }
    }
}
