package org.dealerplatform.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Names the client a request counts against (GW-3, SEC-5): the token's {@code sub} when authenticated, else the client
 * address. That is the TCP peer, or, when the peer is one of the configured trusted proxies, the address those proxies
 * recorded in {@code X-Forwarded-For}. {@code server.forward-headers-strategy} is {@code none} on purpose: Boot would
 * otherwise switch Netty's forwarded handling on by itself on Kubernetes and believe any caller's header.
 */
public class ClientKeyResolver implements KeyResolver {

    private final TrustedProxies trustedProxies;

    public ClientKeyResolver(List<String> trustedProxies) {
        this.trustedProxies = new TrustedProxies(trustedProxies);
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                // bearer callers and console sessions (UI-1) alike are limited per subject
                .filter(principal -> principal instanceof JwtAuthenticationToken
                        || principal instanceof OAuth2AuthenticationToken)
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange)));
    }

    private String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        String peer = remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return trustedProxies.clientAddress(peer, exchange.getRequest().getHeaders().get("X-Forwarded-For"));
    }
}
