package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * nothing outside the {@code local} profile accepts it. No authorization-code flow yet: the console's sign-in adds it.
 */
public final class DevIssuer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final DevTokens tokens;

    private DevIssuer(HttpServer server, DevTokens tokens) {
        this.server = server;
        this.tokens = tokens;
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
        body.put("grant_types_supported", List.of("password"));
        body.put("response_types_supported", List.of("token"));
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
        if (!"password".equals(form.get("grant_type"))) {
            send(exchange, 400, error("unsupported_grant_type", "the dev issuer supports grant_type=password"));
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
