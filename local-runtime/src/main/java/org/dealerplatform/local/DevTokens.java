package org.dealerplatform.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 JWTs with the public dev-only key the local platform runs with, so the launcher (demo data) and
 * tests can call the gateway and the services without an identity provider. Never use the key outside localhost.
 */
public final class DevTokens {

    /** The HS256 secret the local platform's apps get as {@code DEALER_JWT_SECRET}: public, dev only. */
    public static final String DEV_SECRET = "dev-only-signing-key-not-for-production-0123456789";
    /** The {@code iss} claim of every token minted here: the issuer the apps expect in the {@code local} profile. */
    public static final String ISSUER = "dealer-local";
    /** The {@code aud} claim of every token minted here (SEC-1). */
    public static final String AUDIENCE = "dealer-api";
    /** How long a token is valid. */
    public static final Duration VALIDITY = Duration.ofHours(12);
    /** The roles a token may carry (the gateway's {@code Role} enum). */
    public static final List<String> ROLES = List.of("HQ", "BRANCH_MANAGER", "SALES", "SERVICE_ADVISOR");

    private final MACSigner signer;
    private final Clock clock;

    /** Tokens signed with {@link #DEV_SECRET}. */
    public DevTokens() {
        this(DEV_SECRET, Clock.systemUTC());
    }

    /** Tokens signed with another secret (at least 32 bytes) and clock, for tests. */
    public DevTokens(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HS256 needs a secret of at least 32 bytes", e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed token: {@code sub}, {@code roles} (a JSON array), {@code branchId} (omitted when null, which only HQ
     * may be), {@code iat}, {@code exp} (+12 h), {@code iss=dealer-local} and {@code aud=dealer-api} (SEC-1).
     */
    public String token(String sub, String branchId, String... roles) {
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
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(sub)
                .claim("roles", List.copyOf(roleSet))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)));
        if (branchId != null) {
            claims.claim("branchId", branchId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }
}
