package org.dealerplatform.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the development issuer's RS256 tokens (UI-1): signed with a key pair made when the local platform starts (it
 * lives in the launcher's memory only and is gone when it stops, so no private key is ever committed or reusable,
 * SEC-2), with the issuer's {@code iss}, {@code aud=dealer-api}, {@code exp}, {@code roles}, {@code branchId} and, for
 * salespeople, {@code salespersonId}. The launcher (demo data), {@link DevIssuer} and tests use it.
 */
public final class DevTokens {

    /** The {@code aud} claim of every token minted here (SEC-1). */
    public static final String AUDIENCE = "dealer-api";
    /** How long a token is valid. */
    public static final Duration VALIDITY = Duration.ofHours(12);
    /** The roles a token may carry (the gateway's {@code Role} enum). */
    public static final List<String> ROLES = List.of("HQ", "BRANCH_MANAGER", "SALES", "SERVICE_ADVISOR");

    private final RSAKey key;
    private final RSASSASigner signer;
    private final String issuer;
    private final Clock clock;

    /** Tokens of {@code issuer} signed with {@code key} (which must hold its private half). */
    public DevTokens(RSAKey key, String issuer, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the dev issuer needs an RSA private key", e);
        }
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tokens of {@code issuer} with a fresh 2048-bit RSA key pair. */
    public static DevTokens withNewKey(String issuer) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("dev-issuer-" + UUID.randomUUID()).generate();
            return new DevTokens(key, issuer, Clock.systemUTC());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the dev issuer's RSA key", e);
        }
    }

    /** The issuer these tokens name ({@code iss}). */
    public String issuer() {
        return issuer;
    }

    /** The public half of the signing key, as the issuer's JWKS publishes it. */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /**
     * A signed token: {@code sub}, {@code roles} (a JSON array), {@code branchId} (omitted when null, which only HQ
     * may be), {@code iat}, {@code exp} (+12 h), {@code iss} and {@code aud=dealer-api} (SEC-1).
     */
    public String token(String sub, String branchId, String... roles) {
        return sign(sub, branchId, null, roles);
    }

    /** The token of a demo user, with their salesperson link if they have one. */
    public String token(DemoUsers.User user) {
        return sign(user.username(), user.branchId(), user.salespersonId(), user.roles().toArray(String[]::new));
    }

    /**
     * The OIDC ID token of a demo user for the console's sign-in (UI-1): {@code aud} is the client ({@code
     * dealer-console}), {@code nonce} echoes the client's, and it names the user ({@code name},
     * {@code preferred_username}). It is not an API token: the API takes only the access token ({@code aud=dealer-api}).
     */
    public String idToken(DemoUsers.User user, String clientId, String nonce) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .subject(user.username())
                .claim("preferred_username", user.username())
                .claim("name", user.name())
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return signed(claims.build());
    }

    /** As {@link #token(String, String, String...)}, plus the {@code salespersonId} link when not null (UI-1). */
    private String sign(String sub, String branchId, String salespersonId, String... roles) {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("sub must not be blank");
        }
        Set<String> roleSet = new LinkedHashSet<>(List.of(roles));
        if (roleSet.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one of " + ROLES);
        }
        for (String role : roleSet) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + "; known roles are " + ROLES);
            }
        }
        if (branchId == null && roleSet.stream().anyMatch(role -> !"HQ".equals(role))) {
            throw new IllegalArgumentException("a token with a branch role needs a branchId");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(sub)
                .claim("roles", List.copyOf(roleSet))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)));
        if (branchId != null) {
            claims.claim("branchId", branchId);
        }
        if (salespersonId != null) {
            claims.claim("salespersonId", salespersonId);
        }
        return signed(claims.build());
    }

    /**
     * Any claims signed with the issuer's key (and its {@code kid}), exactly as given: the acceptance tests' attack
     * tokens (no {@code exp}, expired, foreign issuer or audience, a branch role without a branch) use it (SEC-1).
     */
    public String signed(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }
}
