package org.dealerplatform.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * REL-7: for a request with an {@code Idempotency-Key}, reads the body once, fingerprints the request (method, path
 * and the canonical JSON body: keys sorted, whitespace ignored) and hands the body on unchanged. A malformed key is
 * answered 400 here. Requests without the header pass untouched.
 */
public class RequestFingerprintFilter extends OncePerRequestFilter {

    /** Request attribute holding the fingerprint, read by {@link IdempotencyKeyArgumentResolver}. */
    public static final String FINGERPRINT = RequestFingerprintFilter.class.getName() + ".fingerprint";

    /** Request attribute holding what ends the request's in-flight claim on its key (409 for a second one, REL-7). */
    static final String RELEASE = RequestFingerprintFilter.class.getName() + ".release";

    private final JsonMapper json;
    private final Problems problems;

    public RequestFingerprintFilter(JsonMapper json, Problems problems) {
        this.json = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(IdempotencyKey.HEADER) == null || "GET".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!IdempotencyKey.isWellFormed(request.getHeader(IdempotencyKey.HEADER))) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, IdempotencyKey.HEADER
                    + " must be 1 to " + IdempotencyKey.MAX_LENGTH + " printable ASCII characters, e.g. a UUID");
            return;
        }
        HttpServletRequest next = request;
        if (isMultipart(request)) {
            // an upload: its parts are the request (a client picks a new boundary on each retry), and the body stays
            // unread for the multipart resolver
            request.setAttribute(FINGERPRINT, multipartFingerprint(request));
        } else if (isJson(request.getContentType())) {
            byte[] body = request.getInputStream().readAllBytes(); // bounded by JsonBodyLimitFilter (256 KiB)
            request.setAttribute(FINGERPRINT, fingerprint(request, body));
            next = new CachedBody(request, body);
        } else {
            // SEC-3: any other body (a CSV import of up to 32 MiB) is never held here: it is digested as it streams
            // through to whoever reads it, and the fingerprint is known once it has been read (or drained) to its end
            DigestingBody digesting = new DigestingBody(request, target(request));
            request.setAttribute(FINGERPRINT, (Supplier<String>) digesting::fingerprint);
            next = digesting;
        }
        try {
            chain.doFilter(next, response);
        } finally {
            if (request.getAttribute(RELEASE) instanceof Runnable release) {
                release.run();
            }
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /** Method, path and each part (name, file name, content), in name order. */
    String multipartFingerprint(HttpServletRequest request) throws IOException, ServletException {
        String target = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
        MessageDigest sha256 = sha256();
        sha256.update(target.getBytes(StandardCharsets.UTF_8));
        if (request instanceof org.springframework.web.multipart.MultipartHttpServletRequest multipart) {
            for (var entry : new java.util.TreeMap<>(multipart.getMultiFileMap()).entrySet()) {
                for (org.springframework.web.multipart.MultipartFile file : entry.getValue()) {
                    sha256.update((entry.getKey() + "\n" + file.getOriginalFilename() + "\n").getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = file.getInputStream()) {
                        digest(sha256, in);
                    }
                }
            }
        } else {
            List<jakarta.servlet.http.Part> parts = new java.util.ArrayList<>(request.getParts());
            parts.sort(java.util.Comparator.comparing(jakarta.servlet.http.Part::getName));
            for (jakarta.servlet.http.Part part : parts) {
                sha256.update((part.getName() + "\n" + part.getSubmittedFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = part.getInputStream()) {
                    digest(sha256, in);
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String target(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
    }

    private static void digest(MessageDigest sha256, InputStream in) throws IOException {
        byte[] block = new byte[64 * 1024];
        for (int n; (n = in.read(block)) != -1; ) {
            sha256.update(block, 0, n);
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    String fingerprint(HttpServletRequest request, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update(target(request).getBytes(StandardCharsets.UTF_8));
        sha256.update(canonical(request.getContentType(), body));
        return HexFormat.of().formatHex(sha256.digest());
    }

    private byte[] canonical(String contentType, byte[] body) {
        if (body.length == 0 || contentType == null) {
            return body;
        }
        MediaType type = MediaType.parseMediaType(contentType);
        if (!type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return body;
        }
        try {
            return json.writeValueAsBytes(json.readValue(body, Object.class));
        } catch (JacksonException notJson) {
            return body; // the controller will refuse it; the raw bytes are fingerprint enough
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The request whose body is digested as it is read: SHA-256 of the target line and the raw bytes, the same
     * fingerprint a body read at once would have. {@link #fingerprint()} drains what nobody read (without keeping it).
     */
    private static final class DigestingBody extends HttpServletRequestWrapper {

        private final MessageDigest sha256 = sha256();
        private ServletInputStream stream;
        private String fingerprint;

        DigestingBody(HttpServletRequest request, String target) {
            super(request);
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new ObservedInputStream(super.getInputStream()) {
                    @Override
                    protected void seen(byte[] buffer, int offset, int n) {
                        sha256.update(buffer, offset, n);
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("synchronous reads only");
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }

        synchronized String fingerprint() {
            if (fingerprint == null) {
                try {
                    InputStream in = getInputStream();
                    byte[] block = new byte[8 * 1024];
                    while (in.read(block) != -1) {
                        // digested by the stream
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                fingerprint = HexFormat.of().formatHex(sha256.digest());
            }
            return fingerprint;
        }
    }

    /** The request with its body read already, readable once more by the message converters. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
