package org.dealerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.dealerplatform.platform.PlatformProperties;
import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.test.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The service's decoder as deployed: keys from the issuer's JWKS over HTTP, and no start without one (UI-1, SEC-2). */
class ServiceSecurityConfigurationTest {

    private HttpServer issuer;

    @AfterEach
    void stopIssuer() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    private String serveJwks() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/jwks", exchange -> {
            byte[] body = DevTokens.jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
        return "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks";
    }

    private static JwtDecoder decoder(String jwks, String issuerName, String... profiles) {
        PlatformProperties properties = new PlatformProperties(null, null,
                new PlatformProperties.Security(jwks, issuerName, null, List.of()));
        ServiceSecurityConfiguration configuration = new ServiceSecurityConfiguration();
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return configuration.jwtDecoder(properties, configuration.tokenPolicy(properties), environment,
                new StaticListableBeanFactory().getBeanProvider(org.dealerplatform.security.tokens.StaticIssuerKey.class));
    }

    @Test
    @DisplayName("UI-1 a service verifies RS256 tokens against the issuer's JWKS and refuses other keys and HS256")
    void verifiesAgainstTheJwks() throws IOException {
        JwtDecoder decoder = decoder(serveJwks(), TokenPolicy.DEFAULT_ISSUER, "local");
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));

        assertThat(decoder.decode(DevTokens.token("alice", "JS-NJ-01", "SALES")).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> decoder.decode(DevTokens.signWith(DevTokens.foreignKey(), c -> c.subject("mallory")
                .expirationTime(inAnHour).claim("roles", List.of("HQ"))))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(DevTokens.hs256("the-old-shared-secret-of-at-least-32-bytes",
                c -> c.subject("mallory").expirationTime(inAnHour).claim("roles", List.of("HQ")))))
                .isInstanceOf(JwtException.class);
    }

    @Test
    @DisplayName("SEC-2 without a JWKS or issuer, or outside profile local with the local dev issuer, a service refuses to start")
    void refusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> decoder(null, "https://idp.example.com")).hasMessageContaining("DEALER_JWT_JWK_SET_URI");
        assertThatThrownBy(() -> decoder("https://idp.example.com/jwks", " ")).hasMessageContaining("DEALER_JWT_ISSUER");
        assertThatThrownBy(() -> decoder("http://127.0.0.1:8088/oauth2/jwks", "http://localhost:8088"))
                .hasMessageContaining("'local' profile");
        assertThat(decoder("http://127.0.0.1:8088/oauth2/jwks", "http://localhost:8088", "local")).isNotNull();
    }
}
