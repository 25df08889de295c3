package org.dealerplatform.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dealerplatform.platform.events.EventContext;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem details the same way everywhere, with the correlation id so support can find the logs. */
public class Problems {

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        String correlationId = MDC.get("correlationId");
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** Writes a problem straight to the response (for filters, which run outside Spring MVC's exception handling). */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, status, detail, null);
    }

    /**
     * Writes a problem with field errors ({@code errors[{field, message}]}, as validation failures have) straight to
     * the response. On an error dispatch the instance is the path that failed, not the error page's.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
            List<?> errors) throws IOException {
        ProblemDetail problem = of(status, detail);
        Object failedPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            problem.setInstance(URI.create(failedPath instanceof String path ? path : request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a path the server refused as malformed: the problem goes without an instance
        }
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String correlationId = request.getHeader(EventContext.CORRELATION_HEADER);
        if (correlationId != null && (problem.getProperties() == null
                || !problem.getProperties().containsKey("correlationId"))) {
            problem.setProperty("correlationId", correlationId);
        }
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
