package org.dealerplatform.gateway.fallback;

import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.dealerplatform.gateway.correlation.CorrelationWebFilter;
import org.dealerplatform.security.masking.Masked;
import org.dealerplatform.gateway.problem.GatewayProblem;
import org.dealerplatform.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * Target of every route's {@code CircuitBreaker} {@code fallbackUri}: answers 504 when the service was too slow and
 * 503 when it is down or its circuit is open, as a problem detail naming the service, whatever the HTTP method.
 */
@RestController
public class UpstreamFallbackController {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFallbackController.class);
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ProblemResponses problems;

    public UpstreamFallbackController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    public Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            return Mono.error(new ResponseStatusException(GatewayProblem.NOT_FOUND.status()));
        }
        Throwable cause = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        boolean timeout = isTimeout(cause);
        try (CorrelationWebFilter.LogContext ignored = CorrelationWebFilter.logContext(exchange)) {
            // OBS-2: a path or an upstream error may quote a mobile or an e-mail (even in the local text log)
            log.warn("{} failed for {} {}: {}", service, exchange.getRequest().getMethod(),
                    Masked.text(CorrelationWebFilter.originalPath(exchange)),
                    cause != null ? Masked.text(cause.toString()) : "no cause");
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        if (timeout) {
            return problems.write(exchange, GatewayProblem.UPSTREAM_TIMEOUT,
                    service + " did not answer in time, try again shortly");
        }
        String detail = cause instanceof CallNotPermittedException
                ? service + " is unavailable (circuit open), try again shortly"
                : service + " is unavailable, try again shortly";
        return problems.write(exchange, GatewayProblem.SERVICE_UNAVAILABLE, detail);
    }

    // NettyRoutingFilter reports the route's response-timeout as a 504 ResponseStatusException caused by a
    // TimeoutException; resilience4j's TimeLimiter (if enabled) as a java.util.concurrent.TimeoutException.
    static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException statusException
                    && statusException.getStatusCode().value() == GatewayProblem.UPSTREAM_TIMEOUT.status().value()) {
                return true;
            }
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || t instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
