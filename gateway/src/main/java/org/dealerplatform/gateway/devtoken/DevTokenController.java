package org.dealerplatform.gateway.devtoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import org.dealerplatform.gateway.security.JwtSecretProperties;
import org.dealerplatform.gateway.security.SecurityConfiguration;
import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.security.tokens.TokenRole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Mints 12-hour tokens signed with the shared secret so a developer can call the platform without an identity
 * provider. Exists only in the {@code local} profile and when {@code dealer.dev-tokens.enabled=true} (set in
 * application-local.yml only): no environment variable switches it on elsewhere (SEC-2). Its tokens carry the
 * configured issuer and audience (SEC-1).
 */
@RestController
@Profile("local")
@ConditionalOnProperty(name = "dealer.dev-tokens.enabled", havingValue = "true")
public class DevTokenController {

    static final Duration VALIDITY = Duration.ofHours(12);
    private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");
    private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

    private final JwtEncoder encoder;
    private final TokenPolicy policy;
    private final Clock clock;

    public DevTokenController(SecretKey jwtSigningKey, JwtSecretProperties properties) {
        this.encoder = NimbusJwtEncoder.withSecretKey(jwtSigningKey).algorithm(MacAlgorithm.HS256).build();
        this.policy = properties.tokenPolicy();
        this.clock = Clock.systemUTC();
    }

    /** A signed token and its expiry instant. */
    public record DevToken(String token, Instant expiresAt) {
    }

    @GetMapping("/dev/token")
    public DevToken token(@RequestParam String sub, @RequestParam String roles,
            @RequestParam(required = false) String branchId) {
        if (!SUBJECT.matcher(sub).matches()) {
            throw badRequest("sub must be 1-64 letters, digits or . _ @ -");
        }
        Set<TokenRole> parsedRoles = parseRoles(roles);
        boolean hasBranch = branchId != null && !branchId.isBlank();
        if (hasBranch && !BRANCH.matcher(branchId).matches()) {
            throw badRequest("branchId must be 1-32 letters, digits, _ or -");
        }
        if (!hasBranch && parsedRoles.stream().anyMatch(TokenRole::branchBound)) {
            throw badRequest("branchId is required for the roles BRANCH_MANAGER, SALES and SERVICE_ADVISOR");
        }

        Instant now = clock.instant();
        Instant expiresAt = now.plus(VALIDITY);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(policy.issuer())
                .audience(List.of(policy.audience()))
                .subject(sub)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim(SecurityConfiguration.ROLES_CLAIM, parsedRoles.stream().map(TokenRole::name).toList());
        if (hasBranch) {
            claims.claim(SecurityConfiguration.BRANCH_CLAIM, branchId);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new DevToken(token, expiresAt);
    }

    private static Set<TokenRole> parseRoles(String roles) {
        List<String> names = Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw badRequest("roles must list at least one of " + Arrays.toString(TokenRole.values()));
        }
        Set<TokenRole> parsed = EnumSet.noneOf(TokenRole.class);
        for (String name : names) {
            parsed.add(TokenRole.named(name).orElseThrow(() -> badRequest(
                    "roles must be a comma-separated subset of " + Arrays.toString(TokenRole.values()))));
        }
        return parsed;
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
