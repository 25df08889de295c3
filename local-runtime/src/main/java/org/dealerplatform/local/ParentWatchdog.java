package org.dealerplatform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A {@code -javaagent} loaded into every child JVM so that no child outlives its launcher, not even when the
 * launcher is killed with SIGKILL and its shutdown hook never runs.
 *
 * <p>The agent's argument is the launcher's pid; a daemon thread checks twice a second that the launcher is alive
 * and otherwise calls {@link System#exit(int)} (so Spring and Kafka still shut down in order), with a
 * {@link Runtime#halt(int)} 15 s later as a backstop. The agent jar holds only this class, so it adds nothing
 * else to the child's class path.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 500;
    private static final long HALT_AFTER_MILLIS = 15_000;

    private ParentWatchdog() {
    }

    /** Agent entry point: {@code -javaagent:parent-watchdog.jar=<launcher pid>}. */
    public static void premain(String args) {
        long launcherPid;
        try {
            launcherPid = Long.parseLong(args == null ? "" : args.trim());
        } catch (NumberFormatException notAPid) {
            System.err.println("[parent-watchdog] ignored: agent argument must be the launcher's pid, got " + args);
            return;
        }
        Thread watchdog = new Thread(() -> watch(launcherPid), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch(long launcherPid) {
        while (ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException stop) {
                return;
            }
        }
        System.err.println("[parent-watchdog] launcher (pid " + launcherPid + ") is gone: exiting");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException ignored) {
                // fall through to halt
            }
            Runtime.getRuntime().halt(2);
        }, "parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(1);
    }

    /** Writes the agent jar (this class and a manifest, nothing else) to {@code target}, replacing it atomically. */
    static Path writeAgentJar(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        String entryName = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Path tmp = Files.createTempFile(target.getParent(), "parent-watchdog", ".jar.tmp");
        try (InputStream classBytes = ParentWatchdog.class.getClassLoader().getResourceAsStream(entryName);
                OutputStream file = Files.newOutputStream(tmp);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            if (classBytes == null) {
                throw new IOException("cannot read " + entryName + " from the class path");
            }
            jar.putNextEntry(new JarEntry(entryName));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
