package org.dealerplatform.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.PathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are bounded (SEC-3): JSON at 256 KiB unless {@code dealer.web.max-json-body} says otherwise, and the
 * paths a service lists in {@code dealer.web.body-limits} (provider webhooks 64 KiB, the CSV import 32 MiB) at their own
 * limit, whatever the content type. A larger declared {@code Content-Length} is a 413 problem before anything is read,
 * and a chunked body stops being read at the limit ({@link BodyTooLargeException}, answered as 413 by
 * {@link ProblemDetailsAdvice}), so a webhook's signature is only ever checked on a bounded body.
 */
public class JsonBodyLimitFilter extends OncePerRequestFilter {

    /** A path pattern ({@code /api/notifications/webhooks/**}) and the largest body it accepts. */
    public record PathLimit(String path, long maxBytes) {
    }

    private static final PathMatcher PATHS = new AntPathMatcher();

    private final long maxBytes;
    private final List<PathLimit> pathLimits;
    private final Problems problems;

    public JsonBodyLimitFilter(long maxBytes, Problems problems) {
        this(maxBytes, List.of(), problems);
    }

    public JsonBodyLimitFilter(long maxBytes, List<PathLimit> pathLimits, Problems problems) {
        this.maxBytes = maxBytes;
        this.pathLimits = List.copyOf(pathLimits);
        this.problems = problems;
    }

    /** The body was longer than the limit; thrown from the body stream so that readers stop at once. */
    public static class BodyTooLargeException extends IOException {
        public BodyTooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathLimit pathLimit = pathLimits.stream().filter(limit -> PATHS.match(limit.path(), path)).findFirst()
                .orElse(null);
        long limit;
        String detail;
        if (pathLimit != null) {
            limit = pathLimit.maxBytes();
            detail = "The request body is larger than " + size(limit) + ", the limit of " + pathLimit.path();
        } else if (isJson(request.getContentType())) {
            limit = maxBytes;
            detail = tooLarge(maxBytes);
        } else {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, detail);
            return;
        }
        chain.doFilter(new BoundedRequest(request, limit), response);
    }

    /** The detail of every 413 this filter causes for a JSON body. */
    public static String tooLarge(long maxBytes) {
        return "The JSON request body is larger than " + size(maxBytes);
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        BoundedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class BoundedStream extends ObservedInputStream {

        private final long maxBytes;
        private long read;

        BoundedStream(ServletInputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void seen(byte[] buffer, int offset, int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
