package org.dealerplatform.security.tokens;

import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a token must say to be accepted anywhere in the platform (SEC-1): an expiry, this issuer, this audience, known
 * roles and, for branch roles, a branch. The gateway and every service install {@link #validator()} on their decoder,
 * which checks the signature against the issuer's JWKS ({@link IssuerSettings}).
 *
 * @param issuer    the exact {@code iss} every token must carry
 * @param audience  a value the token's {@code aud} must contain
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between the issuer's clock and ours
 */
public record TokenPolicy(String issuer, String audience, Duration clockSkew) {

    /** The issuer when none is given (tests; the apps require {@code dealer.security.issuer}, SEC-2). */
    public static final String DEFAULT_ISSUER = "dealer-platform";
    /** The audience unless configured ({@code dealer.security.audience}). */
    public static final String DEFAULT_AUDIENCE = "dealer-api";
    /** Claim holding the caller's roles, a JSON array of {@link TokenRole} names. */
    public static final String ROLES_CLAIM = "roles";
    /** Claim holding the caller's branch; required for every branch-bound role. */
    public static final String BRANCH_CLAIM = "branchId";
    /** Optional claim linking the caller to their salesperson record ("my leads", "my visits"; UI-1). */
    public static final String SALESPERSON_CLAIM = "salespersonId";

    private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public TokenPolicy {
        issuer = issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer.strip();
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience.strip();
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
    }

    /** The policy for a configured issuer and audience (blank means the default) with a 60 s clock skew. */
    public static TokenPolicy of(String issuer, String audience) {
        return new TokenPolicy(issuer, audience, null);
    }

    /** Every rule of SEC-1 as one validator; each failure is an {@code invalid_token} error saying which rule. */
    public OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                TokenPolicy::requireExpiry,
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                this::requireAudience,
                new RolesAndBranchValidator()));
    }

    private static OAuth2TokenValidatorResult requireExpiry(Jwt jwt) {
        return jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : invalid("The token has no expiry (exp claim)");
    }

    private OAuth2TokenValidatorResult requireAudience(Jwt jwt) {
        List<String> audiences = jwt.getAudience();
        return audiences != null && audiences.contains(audience) ? OAuth2TokenValidatorResult.success()
                : invalid("The token is not meant for this audience (" + JwtClaimNames.AUD + " claim)");
    }

    static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
