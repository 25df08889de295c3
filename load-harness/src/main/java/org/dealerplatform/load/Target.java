package org.dealerplatform.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.dealerplatform.local.RunningPlatform;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under load: its gateway, the apps behind it (for the direct comparison), its databases (to see when an
 * effect reached a replica) and a way to get tokens. Either a platform the harness started, or one already running on
 * this machine ({@code ./run-local.sh}), reached on the local runtime's port plan and its dev token endpoint.
 */
interface Target extends AutoCloseable {

    String gatewayUrl();

    /** An app's base URL by module name, e.g. {@code sales-service}. */
    String serviceUrl(String module);

    /** A MongoDB connection string of one service's database. */
    String mongoUri(String database);

    String token(String sub, String branchId, String... roles);

    /** Seconds to ready and RSS, when the harness started the platform; otherwise a note saying so. */
    String startup();

    @Override
    void close();

    /** A platform the harness started (each app its own process), closed with the harness. */
    static Target started(RunningPlatform platform) {
        return new Target() {
            @Override
            public String gatewayUrl() {
                return platform.gatewayUrl();
            }

            @Override
            public String serviceUrl(String module) {
                return platform.serviceUrl(module);
            }

            @Override
            public String mongoUri(String database) {
                return platform.mongoUri(database);
            }

            @Override
            public String token(String sub, String branchId, String... roles) {
                return platform.token(sub, branchId, roles);
            }

            @Override
            public String startup() {
                return String.format("started by the harness: ready in %.1f s, RSS of all platform processes %d MiB",
                        platform.readySeconds(), platform.rssMiB());
            }

            @Override
            public void close() {
                platform.close();
            }
        };
    }

    /**
     * A platform already running with the local runtime's port plan: the gateway on {@code basePort}, the four services
     * on the next four ports, MongoDB on 27017 for base port 8080 and on {@code basePort + 5} otherwise. Tokens come
     * from the gateway's dev token endpoint, which only the local profile has.
     */
    static Target running(int basePort) {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        String[] modules = {"gateway", "customer-service", "sales-service", "aftersales-service", "notification-service"};
        int mongoPort = basePort == 8080 ? 27017 : basePort + 5;
        return new Target() {
            @Override
            public String gatewayUrl() {
                return serviceUrl("gateway");
            }

            @Override
            public String serviceUrl(String module) {
                for (int i = 0; i < modules.length; i++) {
                    if (modules[i].equals(module)) {
                        return "http://localhost:" + (basePort + i);
                    }
                }
                throw new IllegalArgumentException("unknown module " + module);
            }

            @Override
            public String mongoUri(String database) {
                return "mongodb://127.0.0.1:" + mongoPort + "/" + database;
            }

            @Override
            public String token(String sub, String branchId, String... roles) {
                StringBuilder query = new StringBuilder("sub=").append(encode(sub))
                        .append("&roles=").append(encode(String.join(",", roles)));
                if (branchId != null) {
                    query.append("&branchId=").append(encode(branchId));
                }
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(gatewayUrl() + "/dev/token?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("the dev token endpoint answered " + response.statusCode()
                                + " (is the platform running with the local profile, as ./run-local.sh starts it?)");
                    }
                    return json.readTree(response.body()).path("token").asString();
                } catch (IOException e) {
                    throw new IllegalStateException("no platform answers at " + gatewayUrl() + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String startup() {
                return "a platform already running at " + gatewayUrl() + " (start-up not measured)";
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
