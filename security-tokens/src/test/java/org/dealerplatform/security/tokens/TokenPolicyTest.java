package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenPolicyTest {

    private final TokenPolicy policy = TokenPolicy.of("dealer-platform", "dealer-api");

    private static Jwt token(Consumer<Jwt.Builder> change) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256")
                .subject("alice").issuer("dealer-platform").audience(List.of("dealer-api"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .claim("roles", List.of("SALES")).claim("branchId", "JS-NJ-01");
        change.accept(builder);
        return builder.build();
    }

    private String failure(Consumer<Jwt.Builder> change) {
        OAuth2TokenValidatorResult result = policy.validator().validate(token(change));
        assertThat(result.hasErrors()).as("the token is refused").isTrue();
        return result.getErrors().stream().map(OAuth2Error::getDescription).toList().toString();
    }

    @Test
    @DisplayName("SEC-1 a token with expiry, issuer, audience, known roles and its branch is accepted; HQ needs no branch")
    void acceptsWellFormedTokens() {
        assertThat(policy.validator().validate(token(jwt -> { })).hasErrors()).isFalse();
        assertThat(policy.validator().validate(token(jwt -> jwt.claims(c -> c.remove("branchId"))
                .claim("roles", List.of("HQ")))).hasErrors()).isFalse();
        assertThat(policy.validator().validate(token(jwt -> jwt.audience(List.of("other", "dealer-api"))))
                .hasErrors()).isFalse();
    }

    @Test
    @DisplayName("SEC-1 a token without exp or already expired is refused")
    void expiryIsRequired() {
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("exp")))).contains("no expiry");
        assertThat(failure(jwt -> jwt.issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)))).contains("expired");
    }

    @Test
    @DisplayName("SEC-1 a token of another issuer, without issuer, or for another audience is refused")
    void issuerAndAudience() {
        assertThat(failure(jwt -> jwt.issuer("someone-else"))).contains("iss");
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("iss")))).contains("iss");
        assertThat(failure(jwt -> jwt.audience(List.of("another-api")))).contains("audience");
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("aud")))).contains("audience");
    }

    @Test
    @DisplayName("SEC-1 roles must be a non-empty array of known roles, and a branch role needs branchId")
    void rolesAndBranch() {
        assertThat(failure(jwt -> jwt.claim("roles", List.of("SALES", "ADMIN")))).contains("unknown role");
        assertThat(failure(jwt -> jwt.claim("roles", List.of("hq")))).contains("unknown role");
        assertThat(failure(jwt -> jwt.claim("roles", "SALES"))).contains("non-empty array");
        assertThat(failure(jwt -> jwt.claim("roles", List.of()))).contains("non-empty array");
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("roles")))).contains("non-empty array");
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("branchId")))).contains("branchId");
        assertThat(failure(jwt -> jwt.claim("branchId", " "))).contains("branchId");
        assertThat(failure(jwt -> jwt.claims(c -> c.remove("branchId")).claim("roles", List.of("HQ", "SALES"))))
                .contains("branchId");
    }

    @Test
    @DisplayName("UI-1 SEC-1 an optional salespersonId is accepted; when present it must be a non-blank string")
    void salespersonLink() {
        assertThat(policy.validator().validate(token(jwt -> jwt.claim("salespersonId", "sp-js-nj-01-1")))
                .hasErrors()).isFalse();
        assertThat(failure(jwt -> jwt.claim("salespersonId", " "))).contains("salespersonId");
        assertThat(failure(jwt -> jwt.claim("salespersonId", List.of("sp-1")))).contains("salespersonId");
    }

    @Test
    @DisplayName("SEC-2 outside the local profile the JWKS and issuer are required and the keys may not be the local dev issuer's")
    void issuerSettings() {
        IssuerSettings keycloak = new IssuerSettings("http://keycloak:8080/realms/dealer/protocol/openid-connect/certs",
                "http://keycloak:8080/realms/dealer", "dealer-api");
        assertThat(keycloak.requireJwkSetUri(false)).endsWith("/certs");
        // compose: the issuer is the name the browser reaches Keycloak under, the keys come over the compose network
        assertThat(new IssuerSettings(keycloak.jwkSetUri(), "http://localhost:8180/realms/dealer", null)
                .requireJwkSetUri(false)).isEqualTo(keycloak.jwkSetUri());
        assertThatThrownBy(() -> new IssuerSettings("http://localhost:8180/realms/dealer/protocol/openid-connect/certs",
                "http://localhost:8180/realms/dealer", null).requireJwkSetUri(false)).hasMessageContaining("loopback");
        assertThatThrownBy(() -> new IssuerSettings("http://127.0.0.1:8088/oauth2/jwks", "https://idp.example.com", null)
                .requireJwkSetUri(false)).hasMessageContaining("loopback");
        assertThat(new IssuerSettings("https://idp.example.com/jwks", "https://idp.example.com", null)
                .requireJwkSetUri(false)).isEqualTo("https://idp.example.com/jwks");
        IssuerSettings dev = new IssuerSettings("http://127.0.0.1:8088/oauth2/jwks", "http://localhost:8088", null);
        assertThat(dev.requireJwkSetUri(true)).isEqualTo("http://127.0.0.1:8088/oauth2/jwks");
        assertThatThrownBy(() -> dev.requireJwkSetUri(false)).hasMessageContaining("'local' profile");
        assertThatThrownBy(() -> new IssuerSettings(" ", "https://idp.example.com", null).requireJwkSetUri(true))
                .hasMessageContaining("DEALER_JWT_JWK_SET_URI");
        assertThatThrownBy(() -> new IssuerSettings("https://idp.example.com/jwks", null, null).requireJwkSetUri(false))
                .hasMessageContaining("DEALER_JWT_ISSUER");
        assertThatThrownBy(() -> new IssuerSettings("file:/etc/jwks.json", "https://idp", null).requireJwkSetUri(false))
                .hasMessageContaining("http(s)");
        assertThat(IssuerSettings.ALGORITHMS).extracting(Enum::name).containsExactlyInAnyOrder("RS256", "ES256");
    }
}
