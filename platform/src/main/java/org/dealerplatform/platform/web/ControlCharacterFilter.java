package org.dealerplatform.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses control characters (NUL, TAB, CR, LF, ...) in query parameters and in the path with a 400 problem naming the
 * parameter (SEC-8), before any controller builds a query or a log line from them. Request bodies are not read here:
 * JSON body text is checked by {@link BodyText} (free text may hold TAB, CR and LF, no other control character).
 * <p>
 * Issue 12: a query parameter value or a path segment longer than {@link #MAX_PARAMETER_LENGTH} characters is refused
 * the same way, so the {@code maxLength} the OpenAPI documents give every path and query string holds.
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

    /** The longest path segment or query parameter value a service reads (decoded characters). */
    public static final int MAX_PARAMETER_LENGTH = 200;

    private final Problems problems;

    public ControlCharacterFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = decode(request.getRequestURI());
        if (hasControl(path)) {
            reject(request, response, "path");
            return;
        }
        for (String segment : path.split("/")) {
            if (segment.length() > MAX_PARAMETER_LENGTH) {
                tooLong(request, response, "path");
                return;
            }
        }
        // the query string only: reading form parameters would consume bodies that signatures are checked on
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (hasControl(name) || hasControl(value)) {
                    reject(request, response, printable(name));
                    return;
                }
                if (value.length() > MAX_PARAMETER_LENGTH || name.length() > MAX_PARAMETER_LENGTH) {
                    tooLong(request, response, printable(name.length() > MAX_PARAMETER_LENGTH
                            ? name.substring(0, 40) : name));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void tooLong(HttpServletRequest request, HttpServletResponse response, String field) throws IOException {
        problems.write(request, response, HttpStatus.BAD_REQUEST, "Validation failed", List.of(
                new ProblemDetailsAdvice.FieldProblem(field, "must be at most " + MAX_PARAMETER_LENGTH + " characters")));
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String field) throws IOException {
        problems.write(request, response, HttpStatus.BAD_REQUEST, "Validation failed",
                List.of(new ProblemDetailsAdvice.FieldProblem(field, "must not contain control characters")));
    }

    /** Percent- and plus-decoded as a query is; text with a malformed escape stays as it is. */
    private static String decode(String text) {
        try {
            return UriUtils.decode(text.replace('+', ' '), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    static boolean hasControl(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The parameter's name with its control characters shown as {@code \\uXXXX}, safe for logs and answers. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
