package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
        String config = text(REPO.resolve("ops/k8s/common-config.yaml"));
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
