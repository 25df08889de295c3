package org.dealerplatform.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two SMS providers' HTTP APIs ({@code POST <base>/messages}, {@code {to, text, reference}}), owned by the fault
 * suite so that what reached a customer is counted outside every process the suite kills. Like a real provider it
 * honours {@code Idempotency-Key}: a request repeating a key it took gets the first message id back and sends nothing.
 * NOT-5 faults: {@link Mode#DOWN} answers 503 (it did not take the message), {@link Mode#SLOW} takes it and answers
 * after {@code slowMillis}.
 */
final class SmsProviderApi implements AutoCloseable {

    static final List<String> PROVIDERS = List.of("sms-primary", "sms-secondary");

    enum Mode {
        UP, DOWN, SLOW
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final long slowMillis;
    /** Messages sent to the customer per reference (the notification id): a repeated key is not a second send. */
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final Map<String, String> messageIdByKey = new ConcurrentHashMap<>();
    private final AtomicInteger repeatedKeys = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    SmsProviderApi(long slowMillis) throws IOException {
        this.slowMillis = slowMillis;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(workers);
        for (String provider : PROVIDERS) {
            modes.put(provider, Mode.UP);
            server.createContext("/" + provider + "/messages", exchange -> handle(provider, exchange));
        }
        server.start();
    }

    String url(String provider) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + provider;
    }

    void mode(String provider, Mode mode) {
        modes.put(provider, mode);
    }

    /** How many times each reference reached a customer. */
    Map<String, Integer> sentPerReference() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        sent.forEach((reference, n) -> counts.put(reference, n.get()));
        return counts;
    }

    /** Which of {@code keys} these APIs have taken a message for (diagnostics of a failed check). */
    Set<String> knownKeys(Set<String> keys) {
        return keys.stream().filter(messageIdByKey::containsKey).collect(java.util.stream.Collectors.toSet());
    }

    int repeatedKeys() {
        return repeatedKeys.get();
    }

    int refused() {
        return refused.get();
    }

    private void handle(String provider, HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode message = JSON.readTree(in.readAllBytes());
            Mode mode = modes.get(provider);
            if (mode == Mode.DOWN) {
                refused.incrementAndGet();
                answer(exchange, 503, "{\"error\":\"provider down\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String reference = message.path("reference").asString();
            String[] id = new String[1];
            boolean first = key == null || messageIdByKey.computeIfAbsent(key, k -> id[0] = "sim-" + UUID.randomUUID()) == id[0];
            if (first) {
                sent.computeIfAbsent(reference, r -> new AtomicInteger()).incrementAndGet();
            } else {
                repeatedKeys.incrementAndGet();
            }
            if (mode == Mode.SLOW) {
                Thread.sleep(slowMillis);
            }
            answer(exchange, 202, "{\"messageId\":\"" + (key == null ? "sim-" + UUID.randomUUID() : messageIdByKey.get(key)) + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The notification-service settings that send through these APIs: {@code SPRING_APPLICATION_JSON}. */
    String springApplicationJson(String secretPrimary, String secretSecondary) {
        return """
                {"dealer":{"notifications":{"sms":{"providers":[
                  {"name":"sms-primary","base-url":"%s","webhook-secret":"%s","timeout":"3s","open-for":"10s"},
                  {"name":"sms-secondary","base-url":"%s","webhook-secret":"%s","timeout":"3s","open-for":"10s"}]},
                 "policy":{"quiet-start":"00:00","quiet-end":"00:00","cap-max":50,"cap-window":"1m"}}}}"""
                .formatted(url("sms-primary"), secretPrimary, url("sms-secondary"), secretSecondary);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
