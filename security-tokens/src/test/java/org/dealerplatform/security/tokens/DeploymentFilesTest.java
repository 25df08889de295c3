package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The deployment files of the repository, read as an attacker who has cloned it would (SEC-2). */
class DeploymentFilesTest {

    private static final Path REPO = Path.of("..");
    private static final Pattern PRIVATE_PEM = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    /** A JWK with a private exponent or EC private value: {@code "d": "..."}. */
    private static final Pattern PRIVATE_JWK = Pattern.compile("\"d\"\\s*:\\s*\"[A-Za-z0-9_-]{16,}");

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        }
    }

    @Test
    @DisplayName("SEC-2 the Kubernetes manifests ship no Secret, no shared signing secret and no signing key")
    void kubernetesShipsNoSecret() throws IOException {
        List<Path> manifests = files(REPO.resolve("ops/k8s"));
        assertThat(manifests).isNotEmpty();
        for (Path manifest : manifests) {
            String text = text(manifest);
            assertThat(text).as(manifest.toString()).doesNotContainPattern("(?m)^kind:\\s*Secret");
            assertThat(text).as(manifest.toString()).doesNotContain("DEALER_JWT_SECRET");
            assertThat(text).as(manifest.toString()).doesNotContainPattern(PRIVATE_PEM);
        }
        String config = text(REPO.resolve("ops/k8s/base/common-config.yaml"));
        assertThat(config).contains("DEALER_JWT_JWK_SET_URI", "DEALER_JWT_ISSUER");
    }

    @Test
    @DisplayName("UI-1 SEC-2 compose verifies tokens against Keycloak's JWKS and ships no shared secret")
    void composeUsesKeycloak() throws IOException {
        String compose = text(REPO.resolve("docker-compose.yml"));
        assertThat(compose).doesNotContain("DEALER_JWT_SECRET").contains("quay.io/keycloak/keycloak")
                .contains("DEALER_JWT_JWK_SET_URI: http://keycloak:8080/realms/dealer/protocol/openid-connect/certs")
                .contains("KC_HOSTNAME");
        assertThat(text(REPO.resolve(".env.example"))).doesNotContain("DEALER_JWT_SECRET");
    }

    @Test
    @DisplayName("UI-1 compose: the browser, the tokens and the apps agree on Keycloak's name, and the realm sends the console back to the gateway")
    @SuppressWarnings("unchecked")
    void composeSignInNamesAgree() throws IOException {
        Map<String, Object> compose = new Yaml().load(text(REPO.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> keycloak = (Map<String, Object>) services.get("keycloak").get("environment");
        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway").get("environment");
        Map<String, Object> apps = (Map<String, Object>) compose.get("x-app-env");
        String publicName = String.valueOf(keycloak.get("KC_HOSTNAME"));
        // the name a browser on this machine reaches (the published port), overridable for another host
        assertThat(publicName).isEqualTo("${KEYCLOAK_URL:-http://localhost:8180}");
        assertThat(services.get("keycloak").get("ports").toString()).contains("127.0.0.1:8180:8080");
        assertThat(String.valueOf(keycloak.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"))).isEqualTo("true");
        for (Map<String, Object> env : List.of(apps, gateway)) {
            assertThat(env.get("DEALER_JWT_ISSUER")).isEqualTo(publicName + "/realms/dealer");
            assertThat(String.valueOf(env.get("DEALER_JWT_JWK_SET_URI"))).startsWith("http://keycloak:8080/realms/dealer/");
        }
        // the browser goes to the issuer's authorization endpoint (the default); the gateway swaps codes in the network
        assertThat(gateway).doesNotContainKey("DEALER_CONSOLE_AUTHORIZATION_URI")
                .containsEntry("DEALER_CONSOLE_TOKEN_URI", "http://keycloak:8080/realms/dealer/protocol/openid-connect/token");
        assertThat(services.get("gateway").get("ports").toString()).contains("8080:8080");
        assertThat(text(REPO.resolve("ops/keycloak/dealer-realm.json"))).contains("\"http://localhost:8080/login/oauth2/code/*\"");
        // KeycloakSignInIT runs the very Keycloak compose runs, from its distribution
        Matcher version = Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>")
                .matcher(text(REPO.resolve("acceptance-tests/pom.xml")));
        assertThat(version.find()).isTrue();
        assertThat(services.get("keycloak").get("image")).isEqualTo("quay.io/keycloak/keycloak:" + version.group(1));
    }

    @Test
    @DisplayName("SEC-6 compose: only the gateway listens beyond loopback, secrets have no defaults, MongoDB and Kafka need credentials, no anonymous metrics")
    @SuppressWarnings("unchecked")
    void composeIsHardened() throws IOException {
        String text = text(REPO.resolve("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(text);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("gateway", "mongo", "kafka", "customer-service", "prometheus");
        services.forEach((name, service) -> {
            List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
            for (Object port : ports) {
                if (!name.equals("gateway")) {
                    assertThat(String.valueOf(port)).as(name + " port " + port).startsWith("127.0.0.1:");
                }
            }
        });
        // every secret is required (${VAR:?...}), none has a committed default value (${VAR:-value}); a secret's name
        // has PASSWORD, SECRET or KEY as one of its words (KEYCLOAK_URL is an address)
        Matcher defaults = Pattern.compile("\\$\\{([A-Z0-9]+_)*(PASSWORD|SECRET|KEY)(_[A-Z0-9]+)*:-[^}]").matcher(text);
        boolean defaulted = defaults.find();
        assertThat(defaulted).as("a secret with a default: " + (defaulted ? defaults.group() : "")).isFalse();
        for (String secret : List.of("KEYCLOAK_ADMIN_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "MONGO_ROOT_PASSWORD",
                "MONGO_REPLICA_SET_KEY", "MONGO_CUSTOMERS_PASSWORD", "MONGO_GATEWAY_PASSWORD", "KAFKA_APPS_PASSWORD", "PROMETHEUS_CLIENT_SECRET",
                "DEALER_SMS_PRIMARY_WEBHOOK_SECRET", "DEALER_SMS_SECONDARY_WEBHOOK_SECRET")) {
            assertThat(text).as(secret).contains("${" + secret + ":?");
            assertThat(text(REPO.resolve(".env.example"))).as(secret).containsPattern("(?m)^" + secret + "=$");
        }
        for (String app : List.of("customer-service", "sales-service", "aftersales-service", "notification-service")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(app).get("environment");
            assertThat(String.valueOf(environment.get("DEALER_MONGO_URI"))).as(app)
                    .startsWith("mongodb://" + app + ":${").contains("authSource=");
            assertThat(String.valueOf(environment.get("SPRING_KAFKA_SECURITY_PROTOCOL"))).as(app)
                    .isEqualTo("SASL_PLAINTEXT");
        }
        // UI-1: the console's sessions with the gateway's own MongoDB user and database
        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway").get("environment");
        assertThat(String.valueOf(gateway.get("DEALER_GATEWAY_SESSIONS_MONGO_URI")))
                .startsWith("mongodb://gateway:${").contains("/gateway?").contains("authSource=gateway");
        Map<String, Object> kafka = (Map<String, Object>) services.get("kafka").get("environment");
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")))
                .contains("INTERNAL:SASL_PLAINTEXT", "HOST:SASL_PLAINTEXT").doesNotContain("INTERNAL:PLAINTEXT");
        assertThat(String.valueOf(services.get("mongo").get("entrypoint"))).contains("--keyFile");
        Map<String, Object> grafana = (Map<String, Object>) services.get("grafana").get("environment");
        assertThat(String.valueOf(grafana.get("GF_AUTH_ANONYMOUS_ENABLED"))).isEqualTo("false");
        assertThat(text(REPO.resolve("ops/prometheus/prometheus.yml"))).contains("oauth2:", "client_id: prometheus");
        assertThat(text(REPO.resolve("ops/keycloak/dealer-realm.json")))
                .contains("\"secret\": \"${PROMETHEUS_CLIENT_SECRET}\"", "\"MONITORING\"");
    }

    @Test
    @DisplayName("OBS-1 compose runs Grafana Tempo (official image), every app exports its spans to it over OTLP, and Grafana has it as a data source")
    @SuppressWarnings("unchecked")
    void composeHasTheTraceStore() throws IOException {
        Map<String, Object> compose = new Yaml().load(text(REPO.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(String.valueOf(services.get("tempo").get("image"))).startsWith("grafana/tempo:");
        assertThat(String.valueOf(services.get("tempo").get("volumes"))).contains("./ops/tempo/tempo.yml");
        assertThat(text(REPO.resolve("ops/tempo/tempo.yml"))).contains("otlp:", "endpoint: 0.0.0.0:4318");
        for (String app : List.of("gateway", "customer-service", "sales-service", "aftersales-service",
                "notification-service")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(app).get("environment");
            assertThat(String.valueOf(environment.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")))
                    .as(app).isEqualTo("http://tempo:4318/v1/traces");
        }
        assertThat((List<Object>) services.get("grafana").get("depends_on")).contains("tempo");
        Map<String, Object> datasources = new Yaml().load(text(REPO.resolve("ops/grafana/provisioning/datasources/tempo.yml")));
        Map<String, Object> tempo = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(tempo).containsEntry("type", "tempo").containsEntry("url", "http://tempo:3200");
    }

    @Test
    @DisplayName("SEC-2 no private signing key is committed outside test sources: the dev issuer makes its key at start")
    void noCommittedPrivateKey() throws IOException {
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(REPO)) {
            candidates = walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = REPO.relativize(path).toString().replace('\\', '/');
                        return !name.startsWith(".git/") && !name.contains("/target/") && !name.contains("/src/test/")
                                && !name.startsWith(".dealer-data") && !name.contains("node_modules")
                                && name.matches(".*\\.(ya?ml|json|properties|env|example|pem|key|jwk|java|conf|md)$");
                    }).toList();
        }
        assertThat(candidates).anyMatch(path -> path.endsWith("ops/keycloak/dealer-realm.json"));
        for (Path file : candidates) {
            String text = text(file);
            assertThat(text).as(file.toString()).doesNotContainPattern(PRIVATE_PEM).doesNotContainPattern(PRIVATE_JWK);
        }
    }
}
