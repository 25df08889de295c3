package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The deployment files of the repository, read as an attacker who has cloned it would (SEC-2). */
class DeploymentFilesTest {

    private static final Path REPO = Path.of("..");

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    @DisplayName("SEC-2 the Kubernetes manifests ship no Secret and no signing key")
    void kubernetesShipsNoSecret() throws IOException {
        List<Path> manifests = files(REPO.resolve("ops/k8s"));
        assertThat(manifests).isNotEmpty();
        for (Path manifest : manifests) {
            String text = Files.readString(manifest);
            assertThat(text).as(manifest.toString()).doesNotContainPattern("(?m)^kind:\\s*Secret");
            assertThat(text).as(manifest.toString()).doesNotContainPattern("(?m)^\\s*DEALER_JWT_SECRET:\\s*\\S");
        }
    }

    @Test
    @DisplayName("SEC-2 .env.example and docker-compose.yml hold no signing key")
    void composeShipsNoKey() throws IOException {
        String example = Files.readString(REPO.resolve(".env.example"));
        assertThat(example).containsPattern("(?m)^DEALER_JWT_SECRET=$");
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        for (String published : SigningKeys.PUBLICLY_KNOWN) {
            assertThat(compose).doesNotContain(published);
            assertThat(example).doesNotContain(published);
        }
    }
}
