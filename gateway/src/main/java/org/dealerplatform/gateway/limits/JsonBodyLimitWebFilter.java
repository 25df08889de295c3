package org.dealerplatform.gateway.limits;

import org.dealerplatform.gateway.problem.GatewayProblem;
import org.dealerplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A JSON request declaring a body over 256 KiB ({@code dealer.gateway.max-json-body}) is answered 413 at the edge
 * (SEC-3), before authentication and before any byte goes upstream. Chunked bodies without a length pass on; every
 * service enforces the same limit while reading.
 */
@Component
public class JsonBodyLimitWebFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final ProblemResponses problems;

    public JsonBodyLimitWebFilter(@Value("${dealer.gateway.max-json-body:256KB}") DataSize maxJsonBody,
            ProblemResponses problems) {
        this.maxBytes = maxJsonBody.toBytes();
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the correlation id, before security (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        long length = exchange.getRequest().getHeaders().getContentLength();
        boolean json = type != null
                && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
        if (json && length > maxBytes) {
            return problems.write(exchange, GatewayProblem.CONTENT_TOO_LARGE,
                    "The JSON request body is larger than " + (maxBytes / 1024) + " KiB");
        }
        return chain.filter(exchange);
    }
}
