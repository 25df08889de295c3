package org.dealerplatform.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded MongoDB-wire server ({@link EmbeddedMongo#main}) as a child process of the launcher, like the broker and
 * the apps, so that it can be stopped (SIGTERM), killed ({@code kill -9}) and started again on the same port and the
 * same H2 file while the apps run (REL-5).
 */
final class MongoProcess implements AutoCloseable {

    /**
     * The database is the platform's hottest process (issue 10 profile), so unlike the apps it keeps the C2 compiler,
     * with a bounded code cache; its heap holds H2's 48 MiB page cache. 384 MiB at most: with 192 MiB a
     * 100,000-customer import, once the replicas wrote in bulk, ran it out of heap while H2 compacted the file (twice,
     * 2026-12-03); the heap starts small, so the platform's memory at ready does not change.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m",
            "-Dlog4j2.configurationFile=log4j2.xml");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ChildProcess process;
    private final Path file;
    private final String host;
    private final int port;

    private MongoProcess(ChildProcess process, Path file, String host, int port) {
        this.process = process;
        this.file = file;
        this.host = host;
        this.port = port;
    }

    /** Starts the process; {@link #awaitReady()} waits until it listens. */
    static MongoProcess launch(Path file, String host, int port, Path watchdogJar, Path logFile) {
        return launch(file, host, port, watchdogJar, logFile,
                !"background".equals(System.getProperty("dealer.mongo.commit")));
    }

    /** As above; {@code commitEachWrite} false leaves commits to H2's one-second background writer. */
    static MongoProcess launch(Path file, String host, int port, Path watchdogJar, Path logFile,
            boolean commitEachWrite) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new LaunchException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(JVM_OPTIONS);
        if (!commitEachWrite) {
            args.add("-Ddealer.mongo.commit=background");
        }
        args.addAll(List.of("-cp", KafkaBroker.classpath(), EmbeddedMongo.class.getName(),
                file.toAbsolutePath().toString(), host, Integer.toString(port)));
        ChildProcess child = ChildProcess.start("mongo", watchdogJar, args, Map.of(),
                file.toAbsolutePath().getParent(), logFile);
        return new MongoProcess(child, file, host, port);
    }

    /** Waits until the server accepts connections (it binds only after the H2 file is open). */
    MongoProcess awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LaunchException("MongoDB died while starting: " + process.deathReport(30));
            }
            if (process.tail(20).stream().anyMatch(line -> line.startsWith(EmbeddedMongo.READY))) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 1000);
                    return this;
                } catch (IOException notYet) {
                    // listening is announced after bind; retry
                }
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new LaunchException("MongoDB did not listen on " + host + ":" + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + process.logFile());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new LaunchException("interrupted while waiting for MongoDB", e);
            }
        }
    }

    int port() {
        return port;
    }

    Path file() {
        return file;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ChildProcess process() {
        return process;
    }

    /** {@code kill -9}: no shutdown hook runs, the H2 file is left as the last commit wrote it. */
    void kill() {
        process.kill();
    }

    /** SIGTERM (the server closes and commits the file), SIGKILL after 20 s. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
