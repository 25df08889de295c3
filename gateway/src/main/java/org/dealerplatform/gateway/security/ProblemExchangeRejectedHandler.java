package org.dealerplatform.gateway.security;

import org.dealerplatform.gateway.problem.GatewayProblem;
import org.dealerplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * SEC-8: what Spring Security's request firewall refuses before any route (an encoded {@code ../}, slash, backslash,
 * {@code ;} or NUL in the path, a control character in a header ...) is a 400 problem detail, not the firewall's empty
 * 400. Spring Security's filter chain takes the one {@link ServerExchangeRejectedHandler} bean. The detail is fixed
 * text: the refused value is not echoed.
 */
@Component
public class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

    static final String DETAIL = "The request was refused: its path, query or headers hold characters the platform "
            + "does not accept (an encoded '/', '\\', '.', ';' or '%', a '../' segment or a control character)";

    private final ProblemResponses problems;

    public ProblemExchangeRejectedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, GatewayProblem.BAD_REQUEST, DETAIL);
    }
}
