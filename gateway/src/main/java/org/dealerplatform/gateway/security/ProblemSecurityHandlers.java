package org.dealerplatform.gateway.security;

import org.dealerplatform.gateway.problem.GatewayProblem;
import org.dealerplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Answers missing, bad or expired tokens (401) and missing roles (403) with problem details instead of empty bodies (GW-4). */
@Component
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemResponses problems;

    public ProblemSecurityHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        String detail;
        if (ex instanceof OAuth2AuthenticationException) {
            boolean expired = String.valueOf(ex.getMessage()).contains("expired");
            detail = expired ? "The bearer token has expired" : "The bearer token is invalid";
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + detail + "\"");
        } else {
            detail = "A bearer token is required";
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return problems.write(exchange, GatewayProblem.UNAUTHORIZED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return problems.write(exchange, GatewayProblem.FORBIDDEN, "The token's roles do not allow this request");
    }
}
