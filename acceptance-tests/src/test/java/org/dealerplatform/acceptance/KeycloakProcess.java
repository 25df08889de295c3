package org.dealerplatform.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * UI-1: Keycloak run from its distribution (Maven Central's {@code keycloak-quarkus-dist}, unpacked by the
 * acceptance-tests profile {@code keycloak}), configured as {@code docker-compose.yml} configures the container:
 * {@code start-dev --import-realm} of {@code ops/keycloak/dealer-realm.json}, the browser-facing name in
 * {@code KC_HOSTNAME} (so every token's {@code iss} is that name, however Keycloak was reached), and dynamic back-channel
 * URLs, so the gateway and the services may reach it under another address. The only differences from compose: a free
 * port instead of 8180, an in-memory database, and the console's redirect URI on the test gateway's port.
 */
final class KeycloakProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A free port for Keycloak, chosen before the platform starts (its apps are told the issuer name). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer every token names: {@code http://localhost:<port>/realms/dealer}, as the browser reaches it. */
    static String issuer(int port) {
        return "http://localhost:" + port + "/realms/dealer";
    }

    /** The same realm under another name (the back channel: the apps fetch keys and codes there, as in compose). */
    static String backChannel(int port) {
        return "http://127.0.0.1:" + port + "/realms/dealer";
    }

    /**
     * Starts Keycloak from {@code home} with the repository's realm file, the console client's redirect moved to
     * {@code gatewayUrl}, and waits until the realm answers (at most 6 minutes: start-dev first builds the server,
     * 20 s on a quiet machine and over 70 s on a loaded one).
     */
    static KeycloakProcess start(Path home, Path javaHome, Path realmFile, int port, String gatewayUrl) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        String realm = Files.readString(realmFile, StandardCharsets.UTF_8).replace("http://localhost:8080/", gatewayUrl + "/");
        Files.writeString(imports.resolve("dealer-realm.json"), realm, StandardCharsets.UTF_8);
        Path log = Files.createTempFile("keycloak", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--import-realm", "--db=dev-mem", "--http-port=" + port, "--http-management-port=" + freePort()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("KC_HOSTNAME", "http://localhost:" + port);
        env.put("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
        env.put("KC_HTTP_ENABLED", "true");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + port);
        env.put("PROMETHEUS_CLIENT_SECRET", "prometheus-" + port);
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), port, log);
        try {
            keycloak.awaitRealm(Duration.ofMinutes(6));
        } catch (RuntimeException notReady) {
            keycloak.close(); // nobody else holds it yet: a Keycloak that never answered must not outlive the test
            throw notReady;
        }
        return keycloak;
    }

    private void awaitRealm(Duration limit) {
        Instant until = Instant.now().plus(limit);
        URI discovery = URI.create(backChannel(port) + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped with " + process.exitValue() + ": " + tail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        throw new IllegalStateException("Keycloak's realm did not answer within " + limit + ": " + tail());
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end of Keycloak's log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A token of a realm user from the {@code dealer-cli} client (password grant), as the README's curl gets one. */
    String passwordGrant(String username) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(backChannel(port) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=dealer-cli&username="
                        + username + "&password=demo"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused " + username + ": " + response.body());
            }
            return PlatformFixture.JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // kc.sh passes TERM on to its Java process and waits for it
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
