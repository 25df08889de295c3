package org.dealerplatform.gateway.ratelimit;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Names the client a request counts against (GW-3): the token's {@code sub} when authenticated, else the remote
 * address. The remote address is the TCP peer: behind a proxy, enable {@code server.forward-headers-strategy} so it is
 * the real client and not the proxy (X-Forwarded-For is not trusted here, clients could spoof it).
 */
public class ClientKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + remoteAddress(exchange)));
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
