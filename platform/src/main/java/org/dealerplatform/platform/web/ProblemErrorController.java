package org.dealerplatform.platform.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of the servlet container ({@code /error}) answers with a problem detail instead of Boot's
 * {@code {timestamp, status, error, path}} (SEC-8): whatever the container or a filter refused with
 * {@code sendError} reaches the caller in the same shape as every other error.
 */
@Hidden // the container's error page, not an operation of the API
@Controller
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (!status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        response.reset();
        problems.write(request, response, status, detail(status));
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed and was refused by the server";
            case NOT_FOUND -> "There is nothing at this path";
            case METHOD_NOT_ALLOWED -> "This path does not accept this method";
            case CONTENT_TOO_LARGE -> "The request body is too large";
            case INTERNAL_SERVER_ERROR -> "An unexpected error occurred";
            default -> status.getReasonPhrase();
        };
    }
}
