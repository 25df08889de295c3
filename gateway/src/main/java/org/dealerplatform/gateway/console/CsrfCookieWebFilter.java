package org.dealerplatform.gateway.console;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Subscribes to the request's CSRF token so that the cookie repository writes the {@code XSRF-TOKEN} cookie on every
 * console response (UI-1): Spring Security defers the token and would otherwise write it only when a page asks for
 * it, which plain JavaScript never does. The console's scripts copy the cookie into the {@code X-XSRF-TOKEN} header.
 */
final class CsrfCookieWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
    }
}
