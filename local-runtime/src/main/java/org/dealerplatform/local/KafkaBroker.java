package org.dealerplatform.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one JVM) run as a child process from the Kafka
 * jars on this JVM's class path, with its storage in the data dir, so the apps use the same client and protocol as
 * in production without Docker.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Heap and GC of the broker JVM. */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** Log4j2 configuration (a class path resource) that keeps the broker log to warnings and the started line. */
    static final String LOG4J2_RESOURCE = "kafka-broker-log4j2.xml";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Logging bindings a host JVM (a Spring Boot test, say) may carry that break the broker's log4j2 set-up. */
    private static final Pattern CONFLICTING_JARS = Pattern.compile(
            "(logback-classic|logback-core|log4j-to-slf4j|slf4j-simple|slf4j-reload4j|slf4j-jdk14|slf4j-nop)-.*\\.jar");

    private final ChildProcess process;
    private final String host;
    private final int port;

    private KafkaBroker(ChildProcess process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /**
     * Formats {@code dir/data} on first use, writes {@code dir/server.properties} for the given ports (rewritten on
     * every start, so the ports may change between runs), starts the broker and waits until it answers
     * {@code describeCluster}. Broker output goes to {@code logFile}.
     */
    public static KafkaBroker start(Path dir, String host, int port, int controllerPort, Path watchdogJar, Path logFile) {
        try {
            Path logDir = dir.resolve("data");
            Files.createDirectories(logDir);
            Path config = dir.resolve("server.properties");
            writeServerProperties(config, logDir, host, port, controllerPort);
            String classpath = classpath();
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dir, config, classpath, watchdogJar, logFile);
            }
            List<String> args = new ArrayList<>(JVM_OPTIONS);
            args.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + LOG4J2_RESOURCE,
                    "-cp", classpath, "kafka.Kafka", config.toString()));
            ChildProcess child = ChildProcess.start("kafka", watchdogJar, args, Map.of(), dir, logFile);
            KafkaBroker broker = new KafkaBroker(child, host, port);
            try {
                broker.awaitReady();
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new LaunchException("cannot prepare the Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** The broker JVM's pid. */
    public long pid() {
        return process.pid();
    }

    ChildProcess process() {
        return process;
    }

    /** SIGTERM (controlled shutdown), SIGKILL after 20 s. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    static void writeServerProperties(Path config, Path logDir, String host, int port, int controllerPort)
            throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // Static quorum: the storage does not remember the controller's address, so ports may change between runs.
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "10");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // Small machine: fewer threads than the production defaults.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        StringBuilder text = new StringBuilder("# Written by local-runtime on every start; edits are overwritten.\n");
        p.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(config, text);
    }

    private static void format(Path dir, Path config, String classpath, Path watchdogJar, Path logFile) {
        String clusterId = Uuid.randomUuid().toString(); // what `kafka-storage random-uuid` prints
        List<String> args = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + LOG4J2_RESOURCE, "-cp", classpath,
                "kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config", config.toString()));
        ChildProcess formatter = ChildProcess.start("kafka-storage format", watchdogJar, args, Map.of(), dir,
                logFile.resolveSibling("kafka-storage-format.log"));
        try {
            if (!formatter.waitFor(FORMAT_TIMEOUT)) {
                formatter.stop(Duration.ofSeconds(1));
                throw new LaunchException("kafka-storage format did not finish in " + FORMAT_TIMEOUT.toSeconds()
                        + " s; see " + formatter.logFile());
            }
        } catch (InterruptedException e) {
            formatter.stop(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while formatting the Kafka storage", e);
        }
        if (formatter.exitCode() != 0) {
            throw new LaunchException("formatting the Kafka storage failed: " + formatter.deathReport(40));
        }
        Log.info("kafka storage formatted (cluster id %s) in %s", clusterId, dir.resolve("data"));
    }

    private void awaitReady() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        admin.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "250");
        admin.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        admin.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "250");
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-runtime-readiness");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin client = Admin.create(admin)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LaunchException("the Kafka broker died while starting: " + process.deathReport(40));
                }
                try {
                    Collection<Node> nodes = client.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes().get(3, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException("interrupted while waiting for the Kafka broker", e);
                } catch (Exception notYet) {
                    // not listening yet, or not yet registered with its controller
                }
                if (System.nanoTime() > deadline) {
                    throw new LaunchException("the Kafka broker did not answer on " + bootstrapServers() + " within "
                            + START_TIMEOUT.toSeconds() + " s; last lines of " + process.logFile() + ":"
                            + System.lineSeparator() + String.join(System.lineSeparator(), process.tail(40)));
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /**
     * This JVM's class path, with jars that only carry a manifest {@code Class-Path} (the launcher's own jar, a
     * surefire booter jar) expanded, made absolute, and without logging bindings that clash with log4j2.
     */
    static String classpath() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                addWithManifestClassPath(Path.of(entry).toAbsolutePath().normalize(), entries, 0);
            }
        }
        List<String> kept = new ArrayList<>();
        for (Path entry : entries) {
            Path fileName = entry.getFileName();
            if (fileName != null && CONFLICTING_JARS.matcher(fileName.toString()).matches()) {
                continue;
            }
            kept.add(entry.toString());
        }
        if (kept.stream().noneMatch(e -> e.contains("kafka_2.13"))) {
            throw new LaunchException("the Kafka server jars (kafka_2.13) are not on the class path: run the launcher "
                    + "as `java -jar local-runtime/target/local-runtime.jar` after `mvn -DskipTests package`");
        }
        return String.join(File.pathSeparator, kept);
    }

    private static void addWithManifestClassPath(Path entry, Set<Path> entries, int depth) {
        if (!entries.add(entry) || depth > 3 || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return;
            }
            URI base = entry.toUri();
            for (String relative : classPath.trim().split("\\s+")) {
                try {
                    addWithManifestClassPath(Path.of(base.resolve(relative)).normalize(), entries, depth + 1);
                } catch (IllegalArgumentException | FileSystemNotFoundException notAFile) {
                    // ignore entries that are not local files
                }
            }
        } catch (IOException unreadable) {
            // keep the entry as it is
        }
    }
}
