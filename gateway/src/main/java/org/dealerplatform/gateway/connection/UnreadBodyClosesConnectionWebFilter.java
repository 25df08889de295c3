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
 * A request whose body the gateway answers without reading it (a CSRF 403, a 401, a 413 or 429 at the edge) gets
 * {@code Connection: close} on its answer, so the client sends its next request on a fresh connection.
 *
 * <p>RFC 9112 §9.3 lets a server either read the whole body or close the connection after the response. Reactor Netty
 * 1.3.6 keeps such a connection open and, when the exchange ends after its answer was written (a console session is
 * saved after the commit), may never read from the connection again: the next request sits unread in the socket and
 * the client waits for ever. It was seen in the OWASP matrix (a CSRF-refused console POST, then the next POST on the
 * same connection never answered; 467 bytes unread in the gateway's receive queue) and reproduced in 5 of 20 rounds
 * of that sequence on a loaded machine. {@code UnreadBodyClosesConnectionTest} plays it.
 */
@Component
public class UnreadBodyClosesConnectionWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outside every filter that may answer early (body limits, security)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange); // no body: nothing can be left unread
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
