package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development issuer of the local runtime (UI-1), inside the launcher JVM: the gateway and the services verify its
 * RS256 tokens against its JWKS exactly as they verify Keycloak's or any identity provider's. It serves OIDC discovery
 * ({@code /.well-known/openid-configuration}), the JWKS ({@code /oauth2/jwks}), a token endpoint for the demo users
 * ({@code POST /oauth2/token} with {@code grant_type=password}, see {@link DemoUsers}) and the list of demo users
 * ({@code /demo-users}, for a sign-in page). Its key pair is made at start and never leaves the process (SEC-2);
 * nothing outside the {@code local} profile accepts it.
 *
 * <p>The console signs in through the gateway with the OIDC authorization-code flow and PKCE (UI-1):
 * {@code GET /oauth2/authorize} checks the registered client {@value #CONSOLE_CLIENT} and its redirect URI (an unknown
 * one gets an error page, never a redirect), requires an S256 {@code code_challenge}, and shows a sign-in page listing
 * the demo users; the form's POST answers with a redirect carrying a random code that is valid for
 * {@link #CODE_VALIDITY} and only once. {@code POST /oauth2/token} with {@code grant_type=authorization_code} gives the
 * access token and an ID token only for the same client and redirect URI and a {@code code_verifier} whose SHA-256
 * is the challenge (RFC 7636).
 */
public final class DevIssuer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The console's public client (no secret: PKCE instead), as in the Keycloak realm file. */
    public static final String CONSOLE_CLIENT = "dealer-console";
    /** How long an authorization code may wait for its exchange. */
    public static final Duration CODE_VALIDITY = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final DevTokens tokens;
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** An issued code and what its exchange must match. */
    private record PendingCode(DemoUsers.User user, String redirectUri, String challenge, String nonce,
            Instant expiresAt) {
    }

    private DevIssuer(HttpServer server, DevTokens tokens) {
        this.server = server;
        this.tokens = tokens;
    }

    /**
     * Registers a redirect URI of the console client, e.g. {@code http://localhost:8080/login/oauth2/code/dealer-console}
     * (the launcher registers the gateway's once it knows its port). Only registered URIs get a code.
     */
    public DevIssuer allowRedirect(String redirectUri) {
        redirectUris.add(redirectUri);
        return this;
    }

    /** The redirect URIs of the gateway at {@code gatewayPort}, by {@code localhost} and by {@code 127.0.0.1}. */
    public static List<String> gatewayRedirects(int gatewayPort) {
        return List.of("http://localhost:" + gatewayPort + "/login/oauth2/code/" + CONSOLE_CLIENT,
                "http://127.0.0.1:" + gatewayPort + "/login/oauth2/code/" + CONSOLE_CLIENT);
    }

    /**
     * Starts the issuer on {@code host:port}; its {@code iss} is {@code http://localhost:<port>} (what the apps are
     * told with {@code DEALER_JWT_ISSUER}).
     */
    public static DevIssuer start(String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new LaunchException("cannot start the dev issuer on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        DevTokens tokens = DevTokens.withNewKey("http://localhost:" + server.getAddress().getPort());
        DevIssuer issuer = new DevIssuer(server, tokens);
        server.createContext("/.well-known/openid-configuration", issuer::discovery);
        server.createContext("/oauth2/jwks", issuer::jwks);
        server.createContext("/oauth2/token", issuer::token);
        server.createContext("/oauth2/authorize", issuer::authorize);
        server.createContext("/demo-users", issuer::users);
        server.createContext("/", exchange -> issuer.send(exchange, 404, Map.of("error", "not_found")));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dev-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return issuer;
    }

    /** The {@code iss} of the tokens, e.g. {@code http://localhost:8088}. */
    public String issuer() {
        return tokens.issuer();
    }

    /** Where the apps fetch the keys (loopback address, so it does not depend on how {@code localhost} resolves). */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + port() + "/oauth2/jwks";
    }

    /** The token endpoint as a developer's curl reaches it. */
    public String tokenEndpoint() {
        return issuer() + "/oauth2/token";
    }

    /** The authorization endpoint the browser is sent to (UI-1). */
    public String authorizationEndpoint() {
        return issuer() + "/oauth2/authorize";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The signer of this issuer's tokens, for the launcher's demo data and tests. */
    public DevTokens tokens() {
        return tokens;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer());
        body.put("jwks_uri", issuer() + "/oauth2/jwks");
        body.put("token_endpoint", tokenEndpoint());
        body.put("authorization_endpoint", authorizationEndpoint());
        body.put("grant_types_supported", List.of("authorization_code", "password"));
        body.put("response_types_supported", List.of("code"));
        body.put("scopes_supported", List.of("openid"));
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("token_endpoint_auth_methods_supported", List.of("none"));
        body.put("claims_supported", List.of("sub", "roles", "branchId", "salespersonId"));
        send(exchange, 200, body);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        byte[] body = new JWKSet(tokens.publicKey()).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void users(HttpExchange exchange) throws IOException {
        send(exchange, 200, Map.of("password", DemoUsers.PASSWORD, "users", DemoUsers.ALL));
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, error("invalid_request", "use POST with a form body"));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(16 * 1024),
                StandardCharsets.UTF_8));
        if ("authorization_code".equals(form.get("grant_type"))) {
            exchangeCode(exchange, form);
            return;
        }
        if (!"password".equals(form.get("grant_type"))) {
            send(exchange, 400, error("unsupported_grant_type",
                    "the dev issuer supports grant_type=authorization_code (with PKCE) and password"));
            return;
        }
        DemoUsers.User user = DemoUsers.named(form.getOrDefault("username", "")).orElse(null);
        if (user == null || !DemoUsers.PASSWORD.equals(form.get("password"))) {
            send(exchange, 400, error("invalid_grant", "unknown demo user or wrong password; GET /demo-users lists them"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.token(user));
        body.put("token_type", "Bearer");
        body.put("expires_in", DevTokens.VALIDITY.toSeconds());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, body);
    }

    /**
     * {@code GET}: checks the request and shows the sign-in page; {@code POST} (the page's form): checks the demo user's
     * password and redirects back with a code. The client and redirect URI are checked before anything is redirected,
     * so a forged request cannot send a code elsewhere.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> params;
        if ("POST".equals(exchange.getRequestMethod())) {
            params = form(new String(exchange.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8));
        } else if ("GET".equals(exchange.getRequestMethod())) {
            String query = exchange.getRequestURI().getRawQuery();
            params = form(query == null ? "" : query);
        } else {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            send(exchange, 405, error("invalid_request", "use GET or POST"));
            return;
        }
        String redirectUri = params.getOrDefault("redirect_uri", "");
        if (!CONSOLE_CLIENT.equals(params.get("client_id")) || !redirectUris.contains(redirectUri)) {
            page(exchange, 400, "<h1>Unknown client or redirect URI</h1><p>This issuer knows only the client "
                    + CONSOLE_CLIENT + " with the redirect URIs " + escape(String.join(", ", redirectUris)) + ".</p>");
            return;
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            redirect(exchange, redirectUri, Map.of("error", "unsupported_response_type"), state);
            return;
        }
        String challenge = params.getOrDefault("code_challenge", "");
        if (challenge.isBlank() || !"S256".equals(params.get("code_challenge_method"))) {
            redirect(exchange, redirectUri, Map.of("error", "invalid_request",
                    "error_description", "PKCE with code_challenge_method=S256 is required"), state);
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            page(exchange, 200, signInForm(params, null));
            return;
        }
        DemoUsers.User user = DemoUsers.named(params.getOrDefault("username", "")).orElse(null);
        if (user == null || !DemoUsers.PASSWORD.equals(params.get("password"))) {
            page(exchange, 200, signInForm(params, "未知用户或密码错误 / Unknown user or wrong password"));
            return;
        }
        String code = randomToken();
        codes.values().removeIf(pending -> pending.expiresAt().isBefore(clock.instant()));
        codes.put(code, new PendingCode(user, redirectUri, challenge, params.get("nonce"),
                clock.instant().plus(CODE_VALIDITY)));
        redirect(exchange, redirectUri, Map.of("code", code), state);
    }

    /** The code exchange: single use (removed before it is checked), in time, same client and redirect, PKCE S256. */
    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        PendingCode pending = codes.remove(form.getOrDefault("code", ""));
        if (pending == null || pending.expiresAt().isBefore(clock.instant())) {
            send(exchange, 400, error("invalid_grant", "unknown, used or expired code"));
            return;
        }
        if (!CONSOLE_CLIENT.equals(form.get("client_id")) || !pending.redirectUri().equals(form.get("redirect_uri"))) {
            send(exchange, 400, error("invalid_grant", "the code was issued to another client or redirect URI"));
            return;
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (verifier.length() < 43 || !pending.challenge().equals(s256(verifier))) {
            send(exchange, 400, error("invalid_grant", "code_verifier does not match the code_challenge"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.token(pending.user()));
        body.put("id_token", tokens.idToken(pending.user(), CONSOLE_CLIENT, pending.nonce()));
        body.put("token_type", "Bearer");
        body.put("expires_in", DevTokens.VALIDITY.toSeconds());
        body.put("scope", "openid");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, body);
    }

    /** BASE64URL(SHA-256(verifier)), RFC 7636 section 4.6. */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The sign-in page: one button per demo user, the password field, the request's parameters carried along. */
    private static String signInForm(Map<String, String> params, String problem) {
        StringBuilder html = new StringBuilder("<h1>经销商集团 · 开发登录 / Dev sign-in</h1>");
        if (problem != null) {
            html.append("<p role=\"alert\" class=\"problem\">").append(escape(problem)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/oauth2/authorize\">");
        for (String name : List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method")) {
            if (params.containsKey(name)) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(params.get(name))).append("\">");
            }
        }
        html.append("<p><label for=\"password\">密码 / Password (")
                .append(DemoUsers.PASSWORD).append(")</label> <input id=\"password\" name=\"password\" type=\"password\""
                        + " autocomplete=\"off\" required></p><ul>");
        for (DemoUsers.User user : DemoUsers.ALL) {
            html.append("<li><button type=\"submit\" name=\"username\" value=\"").append(escape(user.username()))
                    .append("\" id=\"user-").append(escape(user.username())).append("\">").append(escape(user.username()))
                    .append("</button> ").append(escape(user.name())).append(" · ")
                    .append(escape(String.join(",", user.roles())));
            if (user.branchId() != null) {
                html.append(" · ").append(escape(user.branchId()));
            }
            html.append("</li>");
        }
        return html.append("</ul></form>").toString();
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private void page(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Dev sign-in</title>"
                + "<style>body{font-family:sans-serif;margin:2em}li{margin:.3em 0}.problem{color:#b00}</style></head><body>"
                + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void redirect(HttpExchange exchange, String redirectUri, Map<String, String> params, String state)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        all.forEach((key, value) -> location.append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
