package org.dealerplatform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP requests that the README and the apps' canvases document, read from the Markdown itself, so that each app
 * can check in its own test that it serves every one of them (a documented path that 404s is a bug, issue 14).
 *
 * <p>Two shapes are read: code spans that start with a path, optionally after a method ({@code `GET /api/x?q=`},
 * {@code `POST/GET /simulator/...`}, {@code `/docs/sales`}), and {@code curl} commands in code blocks (method from
 * {@code -X}, else POST when a body is sent, else GET; URL on {@code localhost:<port>} or a shell variable such as
 * {@code $G}). The names of the query parameters are kept ({@code ?year&regionId}, {@code ?asOf=},
 * {@code [?vin&from]}); alternatives such as {@code /api/{sales\|hq}/reports} are expanded; ranges with {@code *}
 * describe many paths rather than one endpoint and are left out. Placeholders ({@code {id}}, {@code <id>},
 * {@code $C}) become one sample segment.
 */
public final class DocumentedRequests {

    /** The README and the canvases of the five apps, relative to the repository root. */
    public static final List<String> DOCUMENTS = List.of("README.md", "customer-service/README.md",
            "sales-service/README.md", "aftersales-service/README.md", "notification-service/README.md",
            "gateway/README.md");

    /** Paths under these prefixes are sent to the gateway; everything else is an app's own path. */
    public static final List<String> GATEWAY_PREFIXES = List.of("/api/", "/docs/", "/dev/", "/fallback/", "/console/");

    /** Paths of the identity provider (dev issuer, Keycloak): documented for sign-in, served by none of the apps. */
    public static final List<String> ISSUER_PREFIXES = List.of("/oauth2/", "/.well-known/", "/realms/");

    private static final String SAMPLE_SEGMENT = "sample";
    private static final Pattern SPAN = Pattern.compile("`(?:([A-Z]+(?:/[A-Z]+)*) )?(/[^`]*)`");
    private static final Pattern CURL_URL = Pattern.compile(
            "(?:(?:https?://)?localhost:\\d+|\\$\\{?[A-Za-z_]\\w*}?)(/[^\\s'\"]*)");
    private static final Pattern CURL_METHOD = Pattern.compile("(?:-X|--request)\\s+([A-Z]+)");
    private static final Pattern CURL_BODY = Pattern.compile("\\s(?:-d|--data\\S*|-F|--form)\\s");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([^{}]*\\\\?\\|[^{}]*)}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]*}|<[^>/]*>|\\$\\{?[A-Za-z_]\\w*}?");

    private DocumentedRequests() {
    }

    /**
     * One documented request.
     *
     * @param document where it is written, relative to the repository root
     * @param line     the line (1-based) it is written on
     * @param method   the HTTP method, or {@code null} when the document names none (any method will do)
     * @param path       the path as written, alternatives expanded, without the query
     * @param parameters the names of the query parameters it shows
     */
    public record Request(String document, int line, String method, String path, List<String> parameters) {

        public Request {
            parameters = List.copyOf(parameters);
        }

        /** A request without query parameters. */
        public Request(String document, int line, String method, String path) {
            this(document, line, method, path, List.of());
        }

        /** The path with every placeholder replaced by a sample segment, ready to be matched or sent. */
        public String concretePath() {
            return PLACEHOLDER.matcher(path).replaceAll(SAMPLE_SEGMENT);
        }

        /** Whether a client sends this request to the gateway (and the gateway must route or answer it). */
        public boolean throughGateway() {
            return GATEWAY_PREFIXES.stream().anyMatch(path::startsWith);
        }

        /** True for the identity provider's paths (token, JWKS, discovery), which no app serves. */
        public boolean toIssuer() {
            return ISSUER_PREFIXES.stream().anyMatch(path::startsWith);
        }

        @Override
        public String toString() {
            return document + ":" + line + " " + (method == null ? "" : method + " ") + path
                    + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        }
    }

    /** Every request documented in {@link #DOCUMENTS} to the apps (not to the identity provider). */
    public static List<Request> all() {
        Path root = repositoryRoot();
        List<Request> requests = new ArrayList<>();
        for (String document : DOCUMENTS) {
            try {
                parse(document, Files.readAllLines(root.resolve(document), StandardCharsets.UTF_8)).stream()
                        .filter(request -> !request.toIssuer()).forEach(requests::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return requests;
    }

    /**
     * The requests one service must serve: those under its gateway prefixes wherever they are written, and the
     * direct (not gateway) paths of its own canvas and of the README (which names paths "of every service").
     */
    public static List<Request> forService(String module, String... apiPrefixes) {
        String canvas = module + "/README.md";
        return all().stream()
                .filter(r -> Arrays.stream(apiPrefixes).anyMatch(p -> r.path().equals(p) || r.path().startsWith(p + "/"))
                        || !r.throughGateway() && (r.document().equals(canvas) || r.document().equals("README.md")))
                .toList();
    }

    /**
     * The requests the gateway must route or answer: every path under {@link #GATEWAY_PREFIXES}, the direct paths of
     * its own canvas, and the README's actuator paths ("of every app").
     */
    public static List<Request> forGateway() {
        return all().stream()
                .filter(r -> r.throughGateway() || r.document().equals("gateway/README.md")
                        || r.document().equals("README.md") && r.path().startsWith("/actuator/"))
                .toList();
    }

    /** Reads the documented requests of one Markdown document. */
    public static List<Request> parse(String document, List<String> lines) {
        List<Request> requests = new ArrayList<>();
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                int first = i;
                StringBuilder command = new StringBuilder(line);
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i));
                }
                curlRequests(document, first + 1, command.toString(), requests);
            } else {
                spanRequests(document, i + 1, line, requests);
            }
        }
        return requests;
    }

    private static void spanRequests(String document, int line, String text, List<Request> into) {
        Matcher span = SPAN.matcher(text);
        while (span.find()) {
            String path = withoutQuery(span.group(2));
            List<String> parameters = parameterNames(span.group(2));
            if (path.contains("*")) {
                continue;
            }
            List<String> methods = span.group(1) == null ? java.util.Collections.singletonList(null)
                    : List.of(span.group(1).split("/"));
            for (String method : methods) {
                for (String expanded : expand(path)) {
                    into.add(new Request(document, line, method, expanded, parameters));
                }
            }
        }
    }

    private static void curlRequests(String document, int line, String command, List<Request> into) {
        String[] parts = command.split("\\bcurl\\s");
        for (int p = 1; p < parts.length; p++) {
            String curl = " " + parts[p];
            Matcher url = CURL_URL.matcher(curl);
            if (!url.find()) {
                continue;
            }
            String pathAndQuery = url.group(1);
            char before = curl.charAt(Math.max(0, url.start() - 1));
            if (before == '\'' || before == '"') {
                int close = curl.indexOf(before, url.start());
                pathAndQuery = curl.substring(url.start(1), close < 0 ? curl.length() : close);
            }
            Matcher explicit = CURL_METHOD.matcher(curl);
            String method = explicit.find() ? explicit.group(1) : CURL_BODY.matcher(curl).find() ? "POST" : "GET";
            for (String expanded : expand(withoutQuery(pathAndQuery))) {
                into.add(new Request(document, line, method, expanded, parameterNames(pathAndQuery)));
            }
        }
    }

    private static String withoutQuery(String path) {
        int end = path.length();
        for (char stop : new char[] {'?', '[', ' ', ')'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    private static List<String> parameterNames(String pathAndQuery) {
        int start = pathAndQuery.indexOf('?');
        if (start < 0) {
            return List.of();
        }
        String query = pathAndQuery.substring(start + 1);
        int end = query.indexOf(']');
        List<String> names = new ArrayList<>();
        for (String pair : (end >= 0 ? query.substring(0, end) : query).split("&")) {
            String name = pair.split("=", 2)[0];
            if (PARAMETER_NAME.matcher(name).matches() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> expand(String path) {
        Matcher alternatives = ALTERNATIVES.matcher(path);
        if (!alternatives.find()) {
            return List.of(path);
        }
        List<String> paths = new ArrayList<>();
        for (String alternative : alternatives.group(1).split("\\\\?\\|")) {
            paths.addAll(expand(path.substring(0, alternatives.start()) + alternative
                    + path.substring(alternatives.end())));
        }
        return paths;
    }

    /** The repository root: the nearest directory, from the working directory up, that holds every document. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir;
            if (DOCUMENTS.stream().allMatch(d -> Files.isRegularFile(candidate.resolve(d)))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with " + DOCUMENTS + " above " + Path.of("").toAbsolutePath());
    }
}
