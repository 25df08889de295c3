package org.dealerplatform.gateway.connection;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A request with a small body (up to 16 KiB) that the gateway answers without reading it (a CSRF 403, a 401, a 429 at
 * the edge) gets {@code Connection: close} on its answer, so the client sends its next request on a fresh connection.
 *
 * <p>RFC 9112 §9.3 lets a server either read the whole body or close the connection after the response. Reactor Netty
 * 1.3.6 keeps such a connection open and, when the exchange ends after its answer was written (a console session is
 * saved after the commit), may never read from the connection again: the next request sits unread in the socket and
 * the client waits for ever. It was seen in the OWASP matrix (a CSRF-refused console POST, then the next POST on the
 * same connection never answered; 467 bytes unread in the gateway's receive queue) and reproduced in 5 of 20 rounds
 * of that sequence on a loaded machine. The gateway now runs Reactor Netty 1.3.5 (see its pom), which has no such
 * hand-over; this filter stays, as the RFC's other permitted answer. {@code ConsoleBffTest} checks it.
 */
@Component
public class UnreadBodyClosesConnectionWebFilter implements WebFilter, Ordered {

    /** Bodies up to this size are in the gateway's socket buffer by the time it answers: closing loses nothing. */
    static final long MAX_CLOSING_BODY = 16 * 1024;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outside every filter that may answer early (body limits, security)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length <= 0 || length > MAX_CLOSING_BODY) {
            // no body: nothing can be left unread. A large body the client may still be sending when the answer (a
            // 413) is written: closing at once would cut the client off before it reads the answer, so the server
            // reads and drops the rest of it as before. Chunked bodies have no length: they are left as before too.
            return chain.filter(exchange);
        }
        AtomicBoolean read = new AtomicBoolean();
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnComplete(() -> read.set(true));
            }
        };
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            if (!read.get()) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }
}
