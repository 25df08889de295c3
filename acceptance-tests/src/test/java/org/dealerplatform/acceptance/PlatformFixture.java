package org.dealerplatform.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.dealerplatform.local.LocalPlatform;
import org.dealerplatform.local.RunningPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as the README starts it (the local runtime: real broker, embedded MongoDB-wire server, the five apps as
 * their own processes), on free ports and a fresh data directory, shared by every acceptance test of this JVM.
 */
final class PlatformFixture {

    private static RunningPlatform platform;
    private static MongoClient mongo;
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PlatformFixture() {
    }

    /**
     * Environment every acceptance platform starts with (one platform per JVM, so every test class sees the same):
     * customer-service checks for overdue files every 2 s instead of every 5 min (CUS-2); aftersales-service's daily
     * reminder sweep is off (cron {@code -}), so reminders go out only when a test asks HQ's sweep endpoint (AFT-3)
     * and their counts do not depend on the hour the suite runs.
     */
    static final Map<String, Map<String, String>> SERVICE_ENV = Map.of(
            "customer-service", Map.of(
                    "DEALER_OVERDUE_CHECK_INTERVAL", "PT2S",
                    "DEALER_CUSTOMER_OVERDUE_CHECKINTERVAL", "PT2S",
                    "DEALER_CUSTOMER_OVERDUE_INITIALDELAY", "PT2S"),
            "aftersales-service", Map.of("AFTERSALES_REMINDER_CRON", "-"));

    /**
     * The gateway of the acceptance platform writes Reactor Netty's access log (one line per answered request, with its
     * status and time) to its log file, so that a request a client saw go unanswered can be looked up: did the gateway
     * answer it, and when (see {@code OwaspMatrixIT#dumpAppThreads}).
     */
    static final Map<String, String> GATEWAY_ACCESS_LOG = Map.of(
            "JAVA_TOOL_OPTIONS", "-Dreactor.netty.http.server.accessLogEnabled=true",
            "LOGGING_LEVEL_REACTOR_NETTY_HTTP_SERVER_ACCESSLOG", "INFO");

    static RunningPlatform platform() {
        return platform(Map.of());
    }

    /** The platform, started on first use with {@code gatewayEnv} added to the gateway's environment. */
    static synchronized RunningPlatform platform(Map<String, String> gatewayEnv) {
        if (platform == null) {
            try {
                Path data = Files.createTempDirectory("dealer-acceptance");
                platform = LocalPlatform.start(LocalPlatform.Options.defaults().dataDir(data).basePort(0)
                        .demoData(false).banner(false).env("gateway", GATEWAY_ACCESS_LOG).env("gateway", gatewayEnv)
                        .env("customer-service", SERVICE_ENV.get("customer-service"))
                        .env("aftersales-service", SERVICE_ENV.get("aftersales-service")));
                mongo = MongoClients.create(platform.mongoUri("admin"));
                Runtime.getRuntime().addShutdownHook(new Thread(PlatformFixture::stop, "acceptance-platform-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return platform;
    }

    private static void stop() {
        if (mongo != null) {
            mongo.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** A document straight from a service's own database (to check replicas the services keep privately). */
    static Document find(String database, String collection, String id) {
        platform();
        return mongo.getDatabase(database).getCollection(collection).find(new Document("_id", id)).first();
    }

    static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(platform().gatewayUrl() + path)).GET(), token);
    }

    static HttpResponse<String> post(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(platform().gatewayUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** A POST with an {@code Idempotency-Key} (REL-7): a retry with the same key records nothing twice. */
    static HttpResponse<String> postWithKey(String path, String token, String key, String json) {
        return send(HttpRequest.newBuilder(URI.create(platform().gatewayUrl() + path)).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    static HttpResponse<String> put(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(platform().gatewayUrl() + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    static HttpResponse<String> post(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(platform().gatewayUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
