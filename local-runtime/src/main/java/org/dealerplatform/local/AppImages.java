package org.dealerplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * How the launcher runs an app's jar so that it starts sooner (issue 10, "ready in ≤ 45 s"): from the jar unpacked
 * the way Spring Boot documents for efficient deployments ({@code java -Djarmode=tools -jar app.jar extract}), with a
 * class-data-sharing archive of the classes the app loaded the last time it ran.
 * <ul>
 *   <li>The unpacked copy lives beside the jar, in {@code <module>/target/app-image/<size>-<mtime>/}; a rebuilt jar
 *       gets a new copy and the old ones are removed. Concurrent launchers unpack into a temporary folder and move
 *       it into place, so they never see a half-written copy.</li>
 *   <li>The first run of an unpacked copy writes the archive when the app stops gracefully
 *       ({@code -XX:ArchiveClassesAtExit}, JDK 13+); the launcher keeps it only after a graceful stop, so a
 *       {@code kill -9} or a crash never leaves a half-written archive in use. Later runs map it
 *       ({@code -XX:SharedArchiveFile}): the JVM checks that it belongs to this JDK and these jars, and ignores it
 *       otherwise ({@code -Xshare:auto}, the default).</li>
 *   <li>Anything that is not a Spring Boot jar (the tests' fake apps), or a failed unpack, runs the jar as it is;
 *       {@code -Ddealer.apps.cds=false} turns all of this off.</li>
 * </ul>
 * Measured on the 2-core machine (docs/benchmarks/profile.md): customer-service up to a refreshed context in 64-69 s
 * from the jar, 53-65 s unpacked, 46-50 s unpacked with the archive, back to back at load 10-17.
 */
final class AppImages implements AutoCloseable {

    static final String DIRECTORY = "app-image";
    private static final String ARCHIVE = "app.jsa";
    private static final String PENDING = ".part";
    private static final String IN_USE = "in-use.lock";
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(3);

    private final boolean enabled;
    private final boolean writeArchives;
    /** A shared lock on each copy this platform runs from: another launcher removes only copies nobody holds. */
    private final Map<Path, FileChannel> inUse = new HashMap<>();

    AppImages(boolean enabled) {
        this(enabled, enabled);
    }

    AppImages(boolean enabled, boolean writeArchives) {
        this.enabled = enabled;
        this.writeArchives = writeArchives;
    }

    /**
     * {@code -Ddealer.apps.cds}: {@code true} (the default), {@code false}, or {@code unpack}: run unpacked and map an
     * archive that exists, but write none. The test suites use {@code unpack}: their platforms stop within a test run,
     * where five archive dumps at a stop (tens of seconds on 2 cores) cost more than the next start saves.
     */
    static AppImages fromSystemProperties() {
        String setting = System.getProperty("dealer.apps.cds", "true");
        return new AppImages(!"false".equals(setting), "true".equals(setting));
    }

    /** How to run one app: the JVM arguments from the archive options to the jar, and what to do once it stopped. */
    record Launch(List<String> args, boolean writesArchive, Consumer<Boolean> afterStop) {

        static Launch plain(List<String> args) {
            return new Launch(args, false, graceful -> { });
        }
    }

    /**
     * The arguments that run {@code jar} (archive options, {@code -jar} and the jar to run), unpacking it first when
     * it has no current unpacked copy.
     */
    Launch launch(String name, Path jar) {
        if (!enabled || !isSpringBootJar(jar)) {
            return Launch.plain(List.of("-jar", jar.toString()));
        }
        Path image;
        try {
            image = unpacked(jar);
            hold(image);
        } catch (RuntimeException e) {
            Log.info("%s: could not unpack %s (%s); it runs from the jar", name, jar.getFileName(), e);
            return Launch.plain(List.of("-jar", jar.toString()));
        }
        Path unpackedJar = image.resolve(jar.getFileName());
        Path archive = image.resolve(ARCHIVE);
        if (Files.isRegularFile(archive)) {
            return Launch.plain(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:+AllowArchivingWithJavaAgent", "-jar", unpackedJar.toString()));
        }
        if (!writeArchives) {
            return Launch.plain(List.of("-jar", unpackedJar.toString()));
        }
        removeStalePending(image);
        Path pending = image.resolve(ARCHIVE + "." + UUID.randomUUID() + PENDING);
        // the launcher's children carry the parent-watchdog agent, and the JVM refuses to dump with an agent unless told
        // it may; an archive made so is used only with the same setting (else silently not at all, -Xshare:auto). The
        // dump lists every class it skips as a warning, a
        // hundred lines of noise at the end of the app's log
        List<String> args = List.of("-XX:ArchiveClassesAtExit=" + pending, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+AllowArchivingWithJavaAgent", "-Xlog:cds*=error", "-jar", unpackedJar.toString());
        return new Launch(args, true, graceful -> keepArchive(pending, archive, graceful));
    }

    /** Unpacks the jars that have no current copy side by side (a fresh build's first start), before they launch. */
    void prepare(List<Path> jars) {
        if (!enabled) {
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Path jar : jars) {
            if (isSpringBootJar(jar)) {
                Thread thread = new Thread(() -> {
                    try {
                        unpacked(jar);
                    } catch (RuntimeException e) {
                        // launch() tries once more and falls back to the jar
                    }
                }, "unpack-" + jar.getFileName());
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Releases the copies this platform ran from (after its apps stopped). */
    @Override
    public synchronized void close() {
        inUse.values().forEach(AppImages::closeQuietly);
        inUse.clear();
    }

    private synchronized void hold(Path image) {
        if (inUse.containsKey(image)) {
            return;
        }
        try {
            FileChannel channel = FileChannel.open(image.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); // READ: a shared lock needs it
            channel.lock(0, Long.MAX_VALUE, true);
            inUse.put(image, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isSpringBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The current unpacked copy of {@code jar}, made now if there is none. */
    static Path unpacked(Path jar) {
        try {
            Path root = jar.toAbsolutePath().getParent().resolve(DIRECTORY);
            String stamp = Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
            Path image = root.resolve(stamp);
            if (Files.isRegularFile(image.resolve(jar.getFileName()))) {
                return image;
            }
            Files.createDirectories(root);
            Path temporary = Files.createTempDirectory(root, "unpacking-");
            try {
                extract(jar, temporary);
                try {
                    Files.move(temporary, image, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // another launcher was quicker: its copy is the same
                }
            } finally {
                deleteTree(temporary);
            }
            removeOtherCopies(root, image);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void extract(Path jar, Path destination) throws IOException {
        Process process = new ProcessBuilder(ChildProcess.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", destination.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(UNPACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("unpacking took over " + UNPACK_TIMEOUT.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(destination.resolve(jar.getFileName()))) {
            throw new IOException("java -Djarmode=tools ... extract exited with " + process.exitValue());
        }
    }

    private static void keepArchive(Path pending, Path archive, boolean graceful) {
        try {
            if (graceful && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                try {
                    Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.deleteIfExists(pending);
                }
            } else {
                Files.deleteIfExists(pending);
            }
        } catch (IOException e) {
            Log.info("could not keep the class-data archive %s: %s", pending, e.getMessage());
        }
    }

    /** Archives an app left behind when it died (or was killed) while writing them; a live dump is seconds old. */
    private static void removeStalePending(Path image) {
        FileTime cutoff = FileTime.from(Instant.now().minus(Duration.ofMinutes(10)));
        try (Stream<Path> files = Files.list(image)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(PENDING)).toList()) {
                if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover file costs only disk space
        }
    }

    /** Copies of earlier builds of the jar that no running platform holds. */
    private static void removeOtherCopies(Path root, Path current) throws IOException {
        List<Path> others = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> !p.equals(current) && !p.getFileName().toString().startsWith("unpacking-")).forEach(others::add);
        }
        for (Path other : others) {
            try (FileChannel channel = FileChannel.open(other.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    continue; // a platform in another process runs from it
                }
                deleteTree(other);
            } catch (OverlappingFileLockException e) {
                // a platform in this process runs from it
            } catch (IOException e) {
                // not removable now: a later start tries again
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
