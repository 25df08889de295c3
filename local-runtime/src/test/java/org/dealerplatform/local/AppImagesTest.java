package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 start-up: apps run from their unpacked jar with a class-data-sharing archive written by their first
 * graceful stop. A fake app jar that says it is a Spring Boot jar and unpacks itself the way Boot's {@code jarmode=tools}
 * does; the JVM's own {@code -XX:ArchiveClassesAtExit} and {@code -XX:SharedArchiveFile} run for real.
 */
class AppImagesTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("issue 10: the first run writes the archive at a graceful stop, the next maps it (-Xshare:on refuses to start otherwise)")
    void archiveWrittenThenUsed() throws Exception {
        Path jar = bootJar("customer-service");
        try (AppImages images = new AppImages(true)) {
            AppImages.Launch first = images.launch("customer-service", jar);
            Path unpacked = Path.of(first.args().get(first.args().size() - 1));
            assertThat(unpacked).isRegularFile().hasFileName("customer-service.jar")
                    .startsWith(jar.getParent().resolve(AppImages.DIRECTORY));
            assertThat(first.writesArchive()).isTrue();
            assertThat(first.args()).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + unpacked.getParent()));
            assertThat(runUntilUp(first, List.of()).stop(Duration.ofSeconds(30))).as("graceful stop").isTrue();
            Path archive = unpacked.getParent().resolve("app.jsa");
            assertThat(archive).isRegularFile();
            assertThat(pendingFiles(unpacked.getParent())).isEmpty();

            AppImages.Launch second = images.launch("customer-service", jar);
            assertThat(second.writesArchive()).isFalse();
            assertThat(second.args()).startsWith("-XX:SharedArchiveFile=" + archive).endsWith("-jar", unpacked.toString());
            ChildProcess withArchive = runUntilUp(second, List.of("-Xshare:on"));
            assertThat(withArchive.isAlive()).isTrue();
            withArchive.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("issue 10: a killed first run leaves no archive; a rebuilt jar gets a new copy and the old one goes")
    void killedRunAndRebuild() throws Exception {
        Path jar = bootJar("sales-service");
        Path firstCopy;
        try (AppImages images = new AppImages(true)) {
            AppImages.Launch launch = images.launch("sales-service", jar);
            firstCopy = Path.of(launch.args().get(launch.args().size() - 1)).getParent();
            runUntilUp(launch, List.of()).kill();
            assertThat(firstCopy.resolve("app.jsa")).doesNotExist();
            assertThat(pendingFiles(firstCopy)).isEmpty();
            assertThat(images.launch("sales-service", jar).writesArchive()).as("asks for the archive again").isTrue();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // "mvn package" again
        try (AppImages images = new AppImages(true)) {
            AppImages.Launch launch = images.launch("sales-service", jar);
            Path secondCopy = Path.of(launch.args().get(launch.args().size() - 1)).getParent();
            assertThat(secondCopy).isNotEqualTo(firstCopy).isDirectory();
            assertThat(firstCopy).as("the copy of the earlier build, which no platform holds").doesNotExist();
        }
    }

    @Test
    @DisplayName("issue 10: a copy another platform runs from is kept when a rebuilt jar is unpacked")
    void copyInUseIsKept() throws Exception {
        Path jar = bootJar("gateway");
        try (AppImages running = new AppImages(true)) {
            AppImages.Launch launch = running.launch("gateway", jar);
            Path inUse = Path.of(launch.args().get(launch.args().size() - 1)).getParent();
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
            try (AppImages other = new AppImages(true)) {
                other.launch("gateway", jar);
            }
            assertThat(inUse.resolve("gateway.jar")).as("held by a running platform").isRegularFile();
        }
    }

    @Test
    @DisplayName("issue 10: -Ddealer.apps.cds=unpack runs the unpacked jar and writes no archive")
    void unpackOnly() throws Exception {
        Path jar = bootJar("customer-service");
        try (AppImages images = new AppImages(true, false)) {
            AppImages.Launch launch = images.launch("customer-service", jar);
            assertThat(launch.writesArchive()).isFalse();
            assertThat(launch.args()).hasSize(2).first().isEqualTo("-jar");
            Path unpacked = Path.of(launch.args().get(1));
            assertThat(unpacked).isRegularFile().startsWith(jar.getParent().resolve(AppImages.DIRECTORY));
            assertThat(runUntilUp(launch, List.of()).stop(Duration.ofSeconds(30))).isTrue();
            assertThat(unpacked.getParent().resolve("app.jsa")).doesNotExist();
            assertThat(pendingFiles(unpacked.getParent())).isEmpty();
        }
    }

    @Test
    @DisplayName("issue 10: a jar that is not a Spring Boot jar, or -Ddealer.apps.cds=false, runs as it is")
    void plainJars() throws Exception {
        Path plain = repo.resolve("plain.jar");
        AppProcessesTest.writeFakeAppJar(plain, false);
        try (AppImages images = new AppImages(true)) {
            assertThat(images.launch("plain", plain).args()).containsExactly("-jar", plain.toString());
        }
        Path boot = bootJar("notification-service");
        try (AppImages images = new AppImages(false)) {
            assertThat(images.launch("notification-service", boot).args()).containsExactly("-jar", boot.toString());
        }
        assertThat(boot.getParent().resolve(AppImages.DIRECTORY)).doesNotExist();
    }

    private Path bootJar(String module) throws IOException {
        Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
        Files.createDirectories(jar.getParent());
        AppProcessesTest.writeFakeAppJar(jar, true);
        return jar;
    }

    private ChildProcess runUntilUp(AppImages.Launch launch, List<String> extraOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx64m"));
        args.addAll(extraOptions);
        args.addAll(launch.args());
        // every child of the launcher carries the watchdog agent, each platform from its own data directory
        Path watchdog = ParentWatchdog.writeAgentJar(Files.createTempDirectory(repo, "data-").resolve("parent-watchdog.jar"));
        ChildProcess child = ChildProcess.start("fake", watchdog, args, Map.of("SERVER_PORT", Integer.toString(port)), repo,
                repo.resolve("logs").resolve("fake-" + port + ".log"))
                .onStop(launch.writesArchive() ? Duration.ofSeconds(20) : Duration.ZERO, launch.afterStop());
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            assertThat(child.isAlive()).as("fake app alive; its log: %s", child.tail(20)).isTrue();
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return child;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("fake app up within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Path> pendingFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
