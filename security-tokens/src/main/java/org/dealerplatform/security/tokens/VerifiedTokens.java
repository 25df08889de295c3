package org.dealerplatform.security.tokens;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Tokens whose signature has already been verified, so a caller's next request with the same token skips the RSA or
 * ECDSA check (issue 10: profiled under load, signature checks took a fifth of sales-service's CPU and a quarter of the
 * gateway's, on every request, for the same few tokens a client sends for their whole lifetime).
 *
 * <p>Only a token that passed both checks is remembered, keyed by its exact text (signature included), for at most
 * {@link #DEFAULT_LIFETIME}; every use re-applies the {@link TokenPolicy} rules, so an expired token is refused at once
 * however long it has been remembered. A changed key at the issuer takes effect within that lifetime. The cache is
 * bounded, and a forged token is never in it: it fails verification and is not remembered.
 */
public final class VerifiedTokens {

    /** How long a verified token is trusted without checking its signature again. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final int DEFAULT_SIZE = 20_000;

    private final Cache<String, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> policy;

    private VerifiedTokens(OAuth2TokenValidator<Jwt> policy, Duration lifetime, int size) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(lifetime).build();
    }

    /** A cache that re-applies {@code policy} to every remembered token it hands out. */
    public static VerifiedTokens of(OAuth2TokenValidator<Jwt> policy) {
        return new VerifiedTokens(policy, DEFAULT_LIFETIME, DEFAULT_SIZE);
    }

    /** For tests: a cache with its own lifetime. */
    public static VerifiedTokens of(OAuth2TokenValidator<Jwt> policy, Duration lifetime) {
        return new VerifiedTokens(policy, lifetime, DEFAULT_SIZE);
    }

    /** A servlet decoder in front of {@code verifying}, which checks the signature and the policy. */
    public JwtDecoder decoder(JwtDecoder verifying) {
        return token -> {
            Jwt known = remembered(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = verifying.decode(token);
            remember(token, jwt);
            return jwt;
        };
    }

    /**
     * The token's claims if it was verified before and still meets the policy; {@code null} if it must be verified.
     *
     * @throws JwtValidationException if it was verified before but no longer meets the policy (expired)
     */
    public Jwt remembered(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        OAuth2TokenValidatorResult result = policy.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(token);
            OAuth2Error first = result.getErrors().iterator().next();
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + first.getDescription(), result.getErrors());
        }
        return jwt;
    }

    /** Remembers a token that its decoder has just verified and validated. */
    public void remember(String token, Jwt jwt) {
        verified.put(token, jwt);
    }
}
