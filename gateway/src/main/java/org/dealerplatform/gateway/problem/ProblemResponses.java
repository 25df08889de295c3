package org.dealerplatform.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dealerplatform.gateway.correlation.CorrelationWebFilter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes {@code application/problem+json} bodies (type, title, status, detail, instance, correlationId) straight to
 * the response, so security handlers, the error handler and the fallbacks all answer errors the same way (GW-4).
 */
@Component
public class ProblemResponses {

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The problem body for this exchange; the status written is the problem kind's. */
    public Map<String, Object> body(ServerWebExchange exchange, GatewayProblem problem, String detail) {
        return body(exchange, problem.type().toString(), problem.title(), problem.status(), detail);
    }

    private Map<String, Object> body(ServerWebExchange exchange, String type, String title, HttpStatusCode status,
            String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", CorrelationWebFilter.originalPath(exchange));
        body.put("correlationId", CorrelationWebFilter.correlationId(exchange));
        return body;
    }

    /** Answers the exchange with the problem; completes empty if the response was already committed. */
    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, String detail) {
        return write(exchange, problem.status(), body(exchange, problem, detail));
    }

    /** Answers with a status the gateway has no problem kind for: RFC 9457's {@code about:blank} type. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error " + status.value();
        return write(exchange, status, body(exchange, "about:blank", title, status, detail));
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, Map<String, Object> body) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(CorrelationWebFilter.HEADER, CorrelationWebFilter.correlationId(exchange));
        byte[] json = jsonMapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(json.length);
        DataBuffer buffer = response.bufferFactory().wrap(json);
        return response.writeWith(Mono.just(buffer));
    }
}
