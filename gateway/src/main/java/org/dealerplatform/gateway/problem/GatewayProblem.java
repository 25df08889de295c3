package org.dealerplatform.gateway.problem;

import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/** The kinds of error the gateway answers itself, each with a stable problem {@code type} clients can switch on (GW-4). */
public enum GatewayProblem {

    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "Bad request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Access denied"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No route"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    CONTENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Request body too large"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable"),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream timeout");

    /** Base of every problem type URI of the platform; the last segment names the kind of problem. */
    public static final String TYPE_BASE = "https://dealerplatform.org/problems/";

    private final HttpStatus status;
    private final URI type;
    private final String title;

    GatewayProblem(HttpStatus status, String slug, String title) {
        this.status = status;
        this.type = URI.create(TYPE_BASE + slug);
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The problem kind the gateway uses for this status, if it has one. */
    public static Optional<GatewayProblem> forStatus(int status) {
        for (GatewayProblem problem : values()) {
            if (problem.status.value() == status) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }
}
