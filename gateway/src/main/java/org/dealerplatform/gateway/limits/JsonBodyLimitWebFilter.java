package org.dealerplatform.gateway.limits;

import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.gateway.problem.GatewayProblem;
import org.dealerplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.PathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A JSON request declaring a body over 256 KiB ({@code dealer.gateway.max-json-body}) is answered 413 at the edge
 * (SEC-3), before authentication and before any byte goes upstream; so is any body over the limit of its route's path
 * in {@code dealer.gateway.body-limits} (provider webhooks 64 KiB, the CSV import 32 MiB). Chunked bodies without a
 * length pass on; every service enforces the same limits while reading.
 */
@Component
public class JsonBodyLimitWebFilter implements WebFilter, Ordered {

    private static final PathMatcher PATHS = new AntPathMatcher();

    private record PathLimit(String path, long maxBytes) {
    }

    private final long maxBytes;
    private final List<PathLimit> pathLimits = new ArrayList<>();
    /** The smallest of all limits: a body no larger passes every one of them. */
    private final long smallestLimit;
    private final ProblemResponses problems;

    public JsonBodyLimitWebFilter(@Value("${dealer.gateway.max-json-body:256KB}") DataSize maxJsonBody,
            ProblemResponses problems, Environment environment) {
        this.maxBytes = maxJsonBody.toBytes();
        this.problems = problems;
        for (int i = 0; environment.containsProperty("dealer.gateway.body-limits[" + i + "].path"); i++) {
            pathLimits.add(new PathLimit(environment.getProperty("dealer.gateway.body-limits[" + i + "].path"),
                    environment.getRequiredProperty("dealer.gateway.body-limits[" + i + "].max", DataSize.class)
                            .toBytes()));
        }
        this.smallestLimit = pathLimits.stream().mapToLong(PathLimit::maxBytes).reduce(maxBytes, Math::min);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the correlation id, before security (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length <= smallestLimit) {
            // issue 10: most requests (every GET) have no body or a small one; no path matching for them
            return chain.filter(exchange);
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        for (PathLimit limit : pathLimits) {
            if (PATHS.match(limit.path(), path)) {
                return length > limit.maxBytes()
                        ? problems.write(exchange, GatewayProblem.CONTENT_TOO_LARGE, "The request body is larger than "
                                + size(limit.maxBytes()) + ", the limit of " + limit.path())
                        : chain.filter(exchange);
            }
        }
        boolean json = type != null
                && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
        if (json && length > maxBytes) {
            return problems.write(exchange, GatewayProblem.CONTENT_TOO_LARGE,
                    "The JSON request body is larger than " + (maxBytes / 1024) + " KiB");
        }
        return chain.filter(exchange);
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
