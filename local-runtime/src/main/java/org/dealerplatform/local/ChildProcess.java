package org.dealerplatform.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child JVM of the launcher (the Kafka broker, the storage formatter or an app): its output goes to a log
 * file, it runs in its own session so a Ctrl-C in the terminal reaches only the launcher (which then stops the
 * children in order), and it carries the {@link ParentWatchdog} agent.
 */
final class ChildProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile Duration extraGrace = Duration.ZERO;
    private volatile Consumer<Boolean> afterStop = graceful -> { };

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** The {@code java} of the running JVM, so children use the same JDK as the launcher. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code javaArgs} (everything after the {@code java} executable; the watchdog agent is inserted first
     * when {@code watchdogJar} is not null) with the given environment overrides; output truncates {@code logFile}.
     */
    static ChildProcess start(String name, Path watchdogJar, List<String> javaArgs, Map<String, String> env,
            Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(javaExecutable());
        if (watchdogJar != null) {
            command.add("-javaagent:" + watchdogJar + "=" + ProcessHandle.current().pid());
        }
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logFile.getParent());
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new LaunchException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /**
     * What to do once the process was stopped ({@code true}: it ended within its grace) or killed, and how much
     * longer than usual a graceful stop may take (an app writing its class-data archive at exit, {@link AppImages}).
     */
    ChildProcess onStop(Duration extraGrace, Consumer<Boolean> afterStop) {
        this.extraGrace = extraGrace;
        this.afterStop = afterStop;
        return this;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while running. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits for the process to end; false on timeout. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * SIGTERM (graceful: Spring and Kafka shut down cleanly), then SIGKILL after {@code grace}. Returns true when
     * it ended gracefully.
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        boolean graceful = awaitExit(grace.plus(extraGrace));
        if (!graceful) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(5));
        }
        afterStop.accept(graceful);
        return graceful;
    }

    /** {@code kill -9}: SIGKILL at once, no shutdown hooks; waits until the process is gone. */
    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
            afterStop.accept(false);
        }
    }

    private boolean awaitExit(Duration timeout) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // keep stopping: a half-stopped platform is worse than a slow stop
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last {@code lines} lines of the log (read from its last 64 KiB). */
    List<String> tail(int lines) {
        return tail(logFile, lines);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** A multi-line description of a child that died: exit code and the tail of its log. */
    String deathReport(int lines) {
        StringBuilder report = new StringBuilder()
                .append(name).append(" (pid ").append(pid()).append(") exited with code ").append(exitCode())
                .append("; last ").append(lines).append(" lines of ").append(logFile).append(':');
        for (String line : tail(lines)) {
            report.append(System.lineSeparator()).append("    | ").append(line);
        }
        return report.toString();
    }
}
