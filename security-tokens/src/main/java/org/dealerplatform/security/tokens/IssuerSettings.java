package org.dealerplatform.security.tokens;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Where tokens come from (UI-1, SEC-2): the issuer's JWKS, its {@code iss} and the audience to require. The gateway
 * (reactive) and every service (servlet) build their decoder from the JWKS with {@link #ALGORITHMS} only, so HS256 and
 * {@code none} are refused, and install {@link #policy()}. Outside the {@code local} profile both the JWKS and the
 * issuer must be configured, and keys from the local runtime's development issuer (a loopback address) are refused.
 * The issuer is a name the tokens carry, not an address the app calls: compose names Keycloak by the address the
 * browser reaches it under ({@code http://localhost:8180/realms/dealer}) while the apps fetch its keys on the compose
 * network, so a loopback issuer name is allowed; only the keys decide which signatures are trusted.
 *
 * @param jwkSetUri the issuer's JWK set, e.g. {@code https://idp.example.com/realms/dealer/protocol/openid-connect/certs}
 * @param issuer    the exact {@code iss} of the tokens (an OIDC issuer URL, or any fixed name)
 * @param audience  a value every token's {@code aud} must contain (blank means {@code dealer-api})
 */
public record IssuerSettings(String jwkSetUri, String issuer, String audience) {

    /** The only signature algorithms accepted: asymmetric, so nothing that validates a token can also sign one. */
    public static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

    /** The SEC-1 rules for this issuer and audience. */
    public TokenPolicy policy() {
        return TokenPolicy.of(issuer, audience);
    }

    /**
     * The JWKS address, after checking the configuration (SEC-2): the JWKS (an http(s) URL) and the issuer are
     * required; outside the {@code local} profile the JWKS may not be a loopback address (the development issuer's).
     *
     * @throws IllegalStateException naming the missing or refused setting, so the app refuses to start
     */
    public String requireJwkSetUri(boolean localProfile) {
        URI jwks = url(jwkSetUri, "dealer.security.jwk-set-uri (env DEALER_JWT_JWK_SET_URI)");
        if (issuer == null || issuer.isBlank()) {
            throw missing("dealer.security.issuer (env DEALER_JWT_ISSUER)");
        }
        if (!localProfile && loopback(jwks.getHost())) {
            throw new IllegalStateException("dealer.security.jwk-set-uri points at a loopback address (the local "
                    + "runtime's development issuer), which only the 'local' profile may use; configure your identity "
                    + "provider's JWKS and issuer");
        }
        return jwks.toString();
    }

    private static URI url(String value, String name) {
        if (value == null || value.isBlank()) {
            throw missing(name);
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalStateException(name + " must be an http(s) URL, got " + value);
        }
        return uri;
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(name + " is not set: tokens are verified against the identity provider's "
                + "JWKS, so its address and issuer must be configured (see the README, 'Sign-in')");
    }

    private static boolean loopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
