package org.dealerplatform.gateway.problem;

import org.dealerplatform.gateway.correlation.CorrelationWebFilter;
import org.dealerplatform.security.masking.Masked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns every exception that reaches the web layer (no route, rate limit, bad input, bugs) into a problem detail
 * instead of Boot's default JSON error page, and never lets a stack trace or exception message of a 5xx out (GW-4).
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1), which then stays unused
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;

    public ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = statusOf(ex);
        copyHeaders(ex, exchange);
        try (CorrelationWebFilter.LogContext ignored = CorrelationWebFilter.logContext(exchange)) {
            if (status.is5xxServerError()) {
                log.error("Gateway error on {} {}", exchange.getRequest().getMethod(),
                        Masked.text(CorrelationWebFilter.originalPath(exchange)), ex);
            } else {
                log.debug("Client error {} on {}: {}", status.value(),
                        Masked.text(CorrelationWebFilter.originalPath(exchange)), Masked.text(ex.toString()));
            }
        }
        return GatewayProblem.forStatus(status.value())
                .map(problem -> problems.write(exchange, problem, detail(problem, ex, exchange)))
                .orElseGet(() -> problems.write(exchange, status,
                        status.is5xxServerError() ? "The gateway could not process the request" : clientReason(ex)));
    }

    private static HttpStatusCode statusOf(Throwable ex) {
        if (ex instanceof ErrorResponse errorResponse) { // ResponseStatusException and its subclasses
            return errorResponse.getStatusCode();
        }
        if (ex instanceof RestClientResponseException restClientError) { // RequestRateLimiter with throw-on-limit
            return restClientError.getStatusCode();
        }
        return HttpStatusCode.valueOf(500);
    }

    private static void copyHeaders(Throwable ex, ServerWebExchange exchange) {
        HttpHeaders headers = null;
        if (ex instanceof RestClientResponseException restClientError) {
            headers = restClientError.getResponseHeaders();
        } else if (ex instanceof ErrorResponse errorResponse) {
            headers = errorResponse.getHeaders(); // e.g. Allow on 405
        }
        if (headers != null) {
            HttpHeaders target = exchange.getResponse().getHeaders();
            headers.forEach((name, values) -> {
                if (!target.containsHeader(name)) {
                    target.put(name, values);
                }
            });
        }
    }

    private static String detail(GatewayProblem problem, Throwable ex, ServerWebExchange exchange) {
        return switch (problem) {
            case NOT_FOUND -> "No route or endpoint matches this path";
            case METHOD_NOT_ALLOWED -> "This path does not accept " + exchange.getRequest().getMethod().name();
            case TOO_MANY_REQUESTS -> tooManyRequests(exchange);
            case UNAUTHORIZED -> "A valid bearer token is required";
            case FORBIDDEN -> "The token's roles do not allow this request";
            case SERVICE_UNAVAILABLE -> "An upstream service is unavailable, try again shortly";
            case UPSTREAM_TIMEOUT -> "An upstream service did not answer in time, try again shortly";
            case INTERNAL_ERROR -> "The gateway could not process the request";
            case BAD_REQUEST -> clientReason(ex);
            case CONTENT_TOO_LARGE -> "The request body is too large";
        };
    }

    private static String tooManyRequests(ServerWebExchange exchange) {
        String retryAfter = exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return "Request rate limit exceeded for this client"
                + (retryAfter != null ? ", retry after " + retryAfter + " s" : ", slow down");
    }

    private static String clientReason(Throwable ex) {
        if (ex instanceof ResponseStatusException statusException && statusException.getReason() != null) {
            return statusException.getReason();
        }
        return "The request could not be understood";
    }
}
