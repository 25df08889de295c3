package org.dealerplatform.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one downstream service: answers every path with a small JSON naming the service, and remembers what
 * it received so tests can check what the gateway forwarded. {@code ?delayMs=} makes it slow, {@code ?status=} makes
 * it answer that status.
 */
final class UpstreamStub {

    /** One request as the service saw it. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final String service;
    private final HttpServer server;
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

    private UpstreamStub(String service) {
        this.service = service;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, service + "-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    static UpstreamStub start(String service) {
        return new UpstreamStub(service);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received for exactly this path, oldest first. */
    List<Received> receivedFor(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The only request received for this path; fails if there were none or several. */
    Received single(String path) {
        List<Received> matching = receivedFor(path);
        if (matching.size() != 1) {
            throw new AssertionError(service + " received " + matching.size() + " requests for " + path
                    + ", expected exactly 1");
        }
        return matching.get(0);
    }

    /** A port on which nothing listens: a service that is down. */
    static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            URI uri = exchange.getRequestURI();
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), uri.getPath(), uri.getQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));

            Map<String, String> query = parse(uri.getQuery());
            if (query.containsKey("delayMs")) {
                sleep(Long.parseLong(query.get("delayMs")));
            }
            int status = Integer.parseInt(query.getOrDefault("status", "200"));
            String json = uri.getPath().startsWith("/v3/api-docs")
                    ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service + "\"}}"
                    : "{\"service\":\"" + service + "\",\"path\":\"" + uri.getPath() + "\"}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the gateway gave up waiting (timeout tests): nothing to answer
        }
    }

    private static Map<String, String> parse(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return values;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
