package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stand-in for an app jar in launcher tests: reports UP on /actuator/health after FAKE_START_DELAY_MS, dies with
 * FAKE_EXIT_CODE, serves POST /api/customers like the gateway would (201, 409 for a known mobile, one 429 and one 503
 * on the way) and shows its environment and JVM options on /fake/env. Only lambdas: it must fit in one class file.
 */
public final class FakeApp {

    private FakeApp() {
    }

    public static void main(String[] args) throws Exception {
        if ("tools".equals(System.getProperty("jarmode")) && args.length == 3 && "extract".equals(args[0])) {
            // Spring Boot's "java -Djarmode=tools -jar app.jar extract --destination D", as AppImages calls it: the
            // runnable jar in D (a fake app has no libraries to put beside it)
            java.nio.file.Path self = java.nio.file.Path.of(FakeApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.nio.file.Files.copy(self, java.nio.file.Path.of(args[2]).resolve(self.getFileName()));
            return;
        }
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no Nagle + delayed-ACK 40 ms per response
        String exit = System.getenv("FAKE_EXIT_CODE");
        if (exit != null) {
            System.out.println("fake app failing on purpose with exit code " + exit);
            System.exit(Integer.parseInt(exit));
        }
        long delay = Long.parseLong(System.getenv().getOrDefault("FAKE_START_DELAY_MS", "0"));
        long readyAt = System.currentTimeMillis() + delay;
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        Set<String> mobiles = ConcurrentHashMap.newKeySet();
        AtomicInteger posts = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        Pattern mobile = Pattern.compile("\"mobile\":\"(\\d+)\"");

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
        server.createContext("/actuator/health", exchange -> {
            if (System.currentTimeMillis() < readyAt) {
                send(exchange, 503, "{\"status\":\"DOWN\"}");
            } else {
                send(exchange, 200, "{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}");
            }
        });
        server.createContext("/api/customers", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = posts.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher m = mobile.matcher(body);
            if (auth == null || !auth.startsWith("Bearer ey")) {
                send(exchange, 401, "{\"title\":\"Unauthorized\"}");
            } else if (n == 5) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 429, "{\"title\":\"Too Many Requests\"}");
            } else if (n == 9) {
                send(exchange, 503, "{\"title\":\"Service Unavailable\"}");
            } else if (!m.find() || !body.contains("\"branchId\":\"")) {
                send(exchange, 400, "{\"title\":\"Bad Request\"}");
            } else if (!mobiles.add(m.group(1))) {
                send(exchange, 409, "{\"title\":\"Conflict\"}");
            } else {
                created.incrementAndGet();
                send(exchange, 201, "{\"id\":\"c-" + n + "\"}");
            }
        });
        server.createContext("/fake/stats", exchange -> send(exchange, 200,
                "{\"posts\":" + posts.get() + ",\"created\":" + created.get() + "}"));
        server.createContext("/fake/env", exchange -> {
            StringBuilder text = new StringBuilder();
            Map<String, String> env = new TreeMap<>(System.getenv());
            env.forEach((key, value) -> {
                if (key.startsWith("DEALER_") || key.startsWith("SPRING_") || key.startsWith("SERVER_")
                        || key.endsWith("_SERVICE_URL") || key.startsWith("FAKE_")) {
                    text.append(key).append('=').append(value).append('\n');
                }
            });
            text.append("JVM=").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                    .append('\n');
            send(exchange, 200, text.toString());
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake app stopping")));
        System.out.println("fake app listening on " + port);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
