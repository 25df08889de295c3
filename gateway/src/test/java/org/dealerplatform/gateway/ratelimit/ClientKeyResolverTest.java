package org.dealerplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import java.util.Map;

class ClientKeyResolverTest {

    private final ClientKeyResolver behindIngress = new ClientKeyResolver(List.of("10.0.0.0/8", "192.168.1.7"));
    private final ClientKeyResolver direct = new ClientKeyResolver(List.of());

    private static String key(ClientKeyResolver resolver, String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/docs/customers")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor.length > 0) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return resolver.resolve(MockServerWebExchange.from(request)).block();
    }

    @Test
    @DisplayName("SEC-5 an anonymous caller is keyed by its TCP address; its own X-Forwarded-For is ignored")
    void untrustedPeerIsTheClient() {
        assertThat(key(direct, "203.0.113.9", "1.2.3.4")).isEqualTo("ip:203.0.113.9");
        assertThat(key(behindIngress, "203.0.113.9", "1.2.3.4")).isEqualTo("ip:203.0.113.9");
    }

    @Test
    @DisplayName("SEC-5 behind a trusted proxy the client is the rightmost X-Forwarded-For address that is no trusted proxy")
    void trustedProxyNamesTheClient() {
        assertThat(key(behindIngress, "10.1.2.3", "198.51.100.4")).isEqualTo("ip:198.51.100.4");
        // the caller prepended a forged address; the proxies appended the real one
        assertThat(key(behindIngress, "10.1.2.3", "1.2.3.4, 198.51.100.4, 192.168.1.7")).isEqualTo("ip:198.51.100.4");
        assertThat(key(behindIngress, "10.1.2.3", "1.2.3.4", "198.51.100.4")).isEqualTo("ip:198.51.100.4");
        // nothing but proxies, or a malformed hop: the last trusted address counts
        assertThat(key(behindIngress, "10.1.2.3", "10.9.9.9")).isEqualTo("ip:10.9.9.9");
        assertThat(key(behindIngress, "10.1.2.3", "evil.example, 10.9.9.9")).isEqualTo("ip:10.9.9.9");
        assertThat(key(behindIngress, "10.1.2.3")).isEqualTo("ip:10.1.2.3");
    }

    @Test
    @DisplayName("SEC-5 trusted proxies are IP addresses or CIDR ranges; host names are refused, never looked up")
    void proxyListIsLiteral() {
        assertThatThrownBy(() -> new ClientKeyResolver(List.of("ingress.local")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> new ClientKeyResolver(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(key(new ClientKeyResolver(List.of("::1", "fd00::/8")), "fd00::5", "2001:db8::1"))
                .isEqualTo("ip:2001:db8::1");
    }

    @Test
    @DisplayName("SEC-5 UI-1 a console session is limited per subject like a bearer caller, not per address")
    void consoleSessionKeyedBySubject() {
        DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_HQ"),
                Map.of("sub", "hq.analyst"), "sub");
        OAuth2AuthenticationToken session = new OAuth2AuthenticationToken(user, user.getAuthorities(), "dealer-console");
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/console/api/hq/reports")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 40000)));

        String key = direct.resolve(exchange.mutate().principal(reactor.core.publisher.Mono.just(session)).build()).block();

        assertThat(key).isEqualTo("sub:hq.analyst");
    }
}
