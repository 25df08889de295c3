package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app-spawning path with {@link FakeApp} jars in a fake repo: start order, environment, JVM options, health
 * polling, demo data through the "gateway", the marker file, failure reporting and clean-up.
 */
class AppProcessesTest {

    @TempDir
    Path repo;
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void fakeRepo() throws IOException {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        for (String module : AppModule.NAMES) {
            Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
            Files.createDirectories(jar.getParent());
            writeFakeAppJar(jar);
        }
    }

    private LocalPlatform.Options options() {
        return LocalPlatform.Options.defaults().repoRoot(repo).dataDir(dataDir).basePort(0)
                .appStartTimeout(Duration.ofSeconds(30));
    }

    @Test
    void startsAllAppsWithTheirEnvironmentLoadsDemoDataOnceAndStopsEverything() throws Exception {
        List<Long> pids;
        try (RunningPlatform platform = LocalPlatform.start(options().env("gateway", "FAKE_START_DELAY_MS", "1500"))) {
            System.out.printf("fake platform ready in %.1f s, %d MiB RSS%n", platform.readySeconds(), platform.rssMiB());
            pids = platform.childPids();
            assertThat(pids).hasSize(7); // MongoDB, broker + five apps

            String customerEnv = get(platform.serviceUrl("customer-service") + "/fake/env");
            assertThat(customerEnv)
                    .contains("SPRING_PROFILES_ACTIVE=local")
                    .contains("SERVER_PORT=" + URI.create(platform.serviceUrl("customer-service")).getPort())
                    .contains("DEALER_MONGO_URI=" + platform.mongoUri("customers"))
                    .contains("DEALER_KAFKA_BOOTSTRAP=" + platform.kafkaBootstrap())
                    .contains("DEALER_JWT_ISSUER=" + platform.issuerUrl())
                    .contains("DEALER_JWT_JWK_SET_URI=http://127.0.0.1:" + URI.create(platform.issuerUrl()).getPort()
                            + "/oauth2/jwks")
                    .doesNotContain("DEALER_JWT_SECRET")
                    .contains("-Xms32m", "-Xmx224m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "parent-watchdog");
            assertThat(get(platform.serviceUrl("notification-service") + "/fake/env"))
                    .contains("DEALER_MONGO_URI=" + platform.mongoUri("notifications"));
            String gatewayEnv = get(platform.gatewayUrl() + "/fake/env");
            assertThat(gatewayEnv)
                    .contains("CUSTOMER_SERVICE_URL=http://127.0.0.1:" + URI.create(platform.serviceUrl("customer-service")).getPort())
                    .contains("SALES_SERVICE_URL=http://127.0.0.1:" + URI.create(platform.serviceUrl("sales-service")).getPort())
                    .contains("AFTERSALES_SERVICE_URL=", "NOTIFICATION_SERVICE_URL=")
                    .contains("-Xmx224m", "-XX:+UseSerialGC")
                    .doesNotContain("DEALER_MONGO_URI")
                    // UI-1: the console's sessions in the shared MongoDB, database `gateway`
                    .contains("DEALER_GATEWAY_SESSIONS_MONGO_URI=" + platform.mongoUri("gateway"))
                    // issue 10: the gateway, on every request's path, keeps the C2 compiler
                    .doesNotContain("-XX:TieredStopAtLevel");

            // 100 customers created through the gateway (a 429 and a 503 on the way were retried)
            assertThat(get(platform.gatewayUrl() + "/fake/stats")).contains("\"created\":100");
            assertThat(Files.readString(dataDir.resolve(DemoData.MARKER_FILE))).contains("customers=");
            assertThat(platform.logFile("gateway")).content().contains("fake app listening");
            assertThat(platform.rssMiB()).isPositive();
        }
        assertAllGone(pids);

        // Second start: the marker says the customers are loaded, so the fresh fake gateway gets no POST.
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            assertThat(get(platform.gatewayUrl() + "/fake/stats")).contains("\"posts\":0");
            pids = platform.childPids();
        }
        assertAllGone(pids);
    }

    @Test
    void aDyingAppFailsTheStartAndStopsWhatWasStarted() throws Exception {
        LocalPlatform.Options options = options().demoData(false).env("sales-service", "FAKE_EXIT_CODE", "3");

        assertThatThrownBy(() -> LocalPlatform.start(options))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("sales-service died while starting (exit code 3)")
                .hasMessageContaining("sales-service.log");
        assertThat(dataDir.resolve("logs/sales-service.log")).content().contains("failing on purpose");
        // nothing is left running and the data dir's lock is released
        assertThat(ProcessHandle.current().children().filter(p -> p.info().arguments().map(
                args -> String.join(" ", args).contains(dataDir.toString())).orElse(false))).isEmpty();
        try (FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void anAppThatNeverGetsHealthyTimesOut() {
        LocalPlatform.Options options = options().demoData(false).appsToStart(List.of("customer-service"))
                .env("customer-service", "FAKE_START_DELAY_MS", "600000").appStartTimeout(Duration.ofSeconds(3));

        assertThatThrownBy(() -> LocalPlatform.start(options))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("customer-service did not report UP")
                .hasMessageContaining("503");
    }

    @Test
    void aMissingJarIsAClearErrorBeforeAnythingStarts() throws IOException {
        Files.delete(repo.resolve("sales-service/target/sales-service.jar"));

        assertThatThrownBy(() -> LocalPlatform.start(options()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("sales-service/target/sales-service.jar does not exist")
                .hasMessageContaining("mvn -DskipTests package");
        assertThat(dataDir.resolve("logs/kafka.log")).doesNotExist();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
        }
    }

    private static void writeFakeAppJar(Path jar) throws IOException {
        writeFakeAppJar(jar, false);
    }

    /** A jar that runs {@link FakeApp}; {@code springBoot}: its manifest says it is a Spring Boot jar ({@link AppImages}). */
    static void writeFakeAppJar(Path jar, boolean springBoot) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
        if (springBoot) {
            manifest.getMainAttributes().putValue("Spring-Boot-Version", "4.0.7");
        }
        String entry = FakeApp.class.getName().replace('.', '/') + ".class";
        try (InputStream classBytes = FakeApp.class.getClassLoader().getResourceAsStream(entry);
                OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
    }
}
