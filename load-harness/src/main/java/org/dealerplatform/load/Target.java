package org.dealerplatform.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.dealerplatform.local.RunningPlatform;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under load: its gateway, the apps behind it (for the direct comparison), its databases (to see when an
 * effect reached a replica) and a way to get tokens. Either a platform the harness started, or one already running on
 * this machine ({@code ./run-local.sh}), reached on the local runtime's port plan and its development issuer.
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

    /** The platform's processes by name with their pids, when the harness started them; empty when attached. */
    default Map<String, Long> processes() {
        return Map.of();
    }

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
            public Map<String, Long> processes() {
                return platform.processIds();
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
     * from the development issuer on {@code basePort + 8} (its demo users, see {@link #demoUser}).
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
                String user = demoUser(sub, branchId, roles);
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                    + (basePort + 8) + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + encode(user)
                                    + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("the dev issuer answered " + response.statusCode() + " for " + user
                                + ": " + response.body());
                    }
                    return json.readTree(response.body()).path("access_token").asString();
                } catch (IOException e) {
                    throw new IllegalStateException("no dev issuer answers on port " + (basePort + 8)
                            + " (is ./run-local.sh running on base port " + basePort + "?): " + e.getMessage(), e);
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

    /**
     * The local dev issuer signs only its demo users: HQ is {@code hq.analyst}; a branch role of branch
     * {@code JS-NJ-01} is {@code nj.manager}, {@code nj.advisor}, or one of {@code nj.sales1}/{@code nj.sales2}
     * chosen by the subject, so the harness's salespeople spread over two token subjects per branch.
     */
    static String demoUser(String sub, String branchId, String... roles) {
        List<String> asked = List.of(roles);
        if (asked.contains("HQ") || branchId == null) {
            return "hq.analyst";
        }
        String code = branchId.split("-")[1].toLowerCase(java.util.Locale.ROOT);
        if (asked.contains("SALES")) {
            return code + ".sales" + (1 + Math.floorMod(sub.hashCode(), 2));
        }
        return code + (asked.contains("BRANCH_MANAGER") ? ".manager" : ".advisor");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
