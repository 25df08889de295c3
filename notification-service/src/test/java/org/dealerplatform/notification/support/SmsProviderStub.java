package org.dealerplatform.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider API in the test JVM (JDK HttpServer) that tests can make fail (503), slow (beyond the timeout) or
 * refuse numbers (400); it records every message it accepted. Like the providers we integrate with, it honours the
 * {@code Idempotency-Key} header: a request repeating a key it already accepted gets the first answer's message id back
 * and sends nothing again (it is counted in {@link #repeatedKeys(String)}).
 */
public final class SmsProviderStub {

    /** How a provider behaves. */
    public enum Mode {
        /** Accepts at once. */
        UP,
        /** 503 at once. */
        DOWN,
        /** Answers 503 after 3 s (beyond the timeout): it did not take the message. */
        SLOW,
        /** Takes the message, then answers after 3 s (beyond the timeout): the sender cannot know it was taken. */
        SLOW_ACCEPT
    }

    /** A message the stub accepted. */
    public record Received(String provider, String to, String text, String reference) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Set<String> refusedNumbers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final Map<String, Long> acceptedAtNanos = new ConcurrentHashMap<>();
    private final Map<String, String> messageIdByKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> repeatedKeys = new ConcurrentHashMap<>();

    SmsProviderStub() throws IOException {
        // without TCP_NODELAY the JDK server's small responses wait for delayed ACKs (~40 ms per request)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        for (String provider : List.of("sms-primary", "sms-secondary")) {
            modes.put(provider, Mode.UP);
            server.createContext("/" + provider + "/messages", exchange -> handle(provider, exchange));
        }
        server.start();
    }

    public String url(String provider) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + provider;
    }

    public void mode(String provider, Mode mode) {
        modes.put(provider, mode);
    }

    public void refuse(String number) {
        refusedNumbers.add(number);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String reference) {
        return received.stream().filter(r -> reference.equals(r.reference())).toList();
    }

    /** When (System.nanoTime) the message with this reference was first accepted, or null. */
    public Long acceptedAtNanos(String reference) {
        return acceptedAtNanos.get(reference);
    }

    /** How many requests to {@code provider} repeated an idempotency key it had already accepted. */
    public int repeatedKeys(String provider) {
        return repeatedKeys.getOrDefault(provider, 0);
    }

    public int calls(String provider) {
        return calls.getOrDefault(provider, 0);
    }

    private void handle(String provider, HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.merge(provider, 1, Integer::sum);
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Mode mode = modes.get(provider);
            if (mode == Mode.DOWN) {
                respond(exchange, 503, "{\"error\":\"down\"}");
                return;
            }
            if (mode == Mode.SLOW) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 503, "{\"error\":\"too slow\"}");
                return;
            }
            String to = body.get("to").asString();
            if (refusedNumbers.contains(to)) {
                respond(exchange, 400, "{\"error\":\"invalid number\"}");
                return;
            }
            if (mode == Mode.SLOW_ACCEPT) {
                accept(provider, exchange, body, to);
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 202, "{\"messageId\":\"late\"}");
                return;
            }
            respond(exchange, 202, "{\"messageId\":\"" + accept(provider, exchange, body, to) + "\"}");
        }
    }

    /** Records the message unless its idempotency key was accepted before; returns its message id. */
    private String accept(String provider, HttpExchange exchange, JsonNode body, String to) {
        {
            String reference = body.get("reference").asString();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String fresh = provider + "-" + UUID.randomUUID();
            String messageId = key == null ? fresh : messageIdByKey.putIfAbsent(provider + "/" + key, fresh);
            if (messageId != null && key != null) {
                repeatedKeys.merge(provider, 1, Integer::sum);
                return messageId;
            }
            acceptedAtNanos.putIfAbsent(reference, System.nanoTime());
            received.add(new Received(provider, to, body.get("text").asString(), reference));
            return fresh;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the client timed out: what a slow provider looks like
        }
    }
}
