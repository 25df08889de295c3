package org.dealerplatform.platform.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * SEC-3: a CSV import's file, streamed from the request body (or an uploaded part) into a temporary file in blocks of
 * {@value #BLOCK} bytes, so that the memory an import takes does not grow with its file: the request never holds the
 * body, a queued job holds a path, and the job parses the file row by row. While it streams in, the bytes are counted
 * (at most {@link #MAX_BYTES}: 413) and so are the line breaks, an upper bound of the rows that costs nothing; only a
 * file over {@link ImportJobRunner#MAX_ROWS} by that count is parsed (row by row) to count its records exactly.
 *
 * <p>Whoever queues the import {@linkplain #take() takes} the file and deletes it when the job is done; a file nobody
 * took (the request was refused, or answered from an earlier job) is deleted when the request ends.
 */
public final class SpooledCsv implements AutoCloseable {

    /** SEC-3: the largest file one import takes. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int BLOCK = 64 * 1024;

    private final Path file;
    private final long bytes;
    private final long lines;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicBoolean deleted = new AtomicBoolean();

    private SpooledCsv(Path file, long bytes, long lines) {
        this.file = file;
        this.bytes = bytes;
        this.lines = lines;
    }

    /** Streams {@code in} to a temporary file, at most {@code maxBytes} (more: 413, and the partial file is deleted). */
    public static SpooledCsv spool(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile(spoolDirectory(), "import-", ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[BLOCK];
            long bytes = 0;
            long lines = 0;
            int last = -1;
            for (int n; (n = in.read(block)) != -1; ) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than "
                            + maxBytes / (1024 * 1024) + " MiB, the most one import takes (SEC-3): split it into several files");
                }
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    last = block[n - 1];
                }
                out.write(block, 0, n);
            }
            if (bytes > 0 && last != '\n') {
                lines++;
            }
            return new SpooledCsv(file, bytes, lines);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Where the spooled files of all processes go: one folder per process, named by its pid. */
    static final Path SPOOL_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "dealer-imports");
    private static Path spoolDirectory;

    /**
     * This process's folder under {@link #SPOOL_ROOT}. When it is first made, the folders of processes that are gone are
     * removed: a process that died mid-import (its job then reads as failed, see {@link ImportJob}) left its file there,
     * and nothing else would delete it. Folders of live processes (other services on the same machine) are left alone.
     */
    static synchronized Path spoolDirectory() throws IOException {
        if (spoolDirectory == null || !Files.isDirectory(spoolDirectory)) {
            Files.createDirectories(SPOOL_ROOT);
            removeFoldersOfEndedProcesses(SPOOL_ROOT);
            spoolDirectory = Files.createDirectories(SPOOL_ROOT.resolve(Long.toString(ProcessHandle.current().pid())));
        }
        return spoolDirectory;
    }

    /** Removes the folders under {@code root} named by the pid of a process that no longer runs; returns how many. */
    static int removeFoldersOfEndedProcesses(Path root) throws IOException {
        int removed = 0;
        try (var folders = Files.list(root)) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                String name = folder.getFileName().toString();
                if (!name.matches("\\d{1,19}") || ProcessHandle.of(Long.parseLong(name)).isPresent()) {
                    continue;
                }
                try (var files = Files.walk(folder)) {
                    for (Path path : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(path);
                    }
                }
                removed++;
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException raced) {
            // another process cleaned up at the same moment: nothing left to do
        }
        return removed;
    }

    /**
     * {@link #spool(InputStream, long)} at {@link #MAX_BYTES}, for the current request: deleted when the request ends
     * unless an import {@linkplain #take() took} it.
     */
    public static SpooledCsv forRequest(InputStream in) throws IOException {
        SpooledCsv csv = spool(in, MAX_BYTES);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.registerDestructionCallback(SpooledCsv.class.getName() + "." + csv.file.getFileName(),
                    csv::closeUnlessTaken, RequestAttributes.SCOPE_REQUEST);
        }
        return csv;
    }

    /** The size of the file in bytes. */
    /** {@link #forRequest} for an uploaded part: it streams to the import's own file, never read into memory (SEC-3). */
    public static SpooledCsv forUpload(MultipartFile file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return forRequest(in);
        }
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Data rows (the header not counted): the line count, or, when that is over {@code limit} (a quoted cell may hold a
     * line break), the records counted by parsing the file row by row, stopping as soon as they pass {@code limit}.
     */
    public long rows(long limit) {
        long byLines = Math.max(0, lines - 1);
        if (byLines <= limit) {
            return byLines;
        }
        try (CSVParser parser = CSVParser.builder().setReader(reader()).setFormat(CSVFormat.DEFAULT).get()) {
            long records = 0;
            for (var ignored : parser) {
                records++;
                if (records - 1 > limit) {
                    break;
                }
            }
            return Math.max(0, records - 1);
        } catch (IOException | UncheckedIOException unreadable) {
            return byLines; // the import itself reports what is wrong with the file
        }
    }

    /** The file as UTF-8 text, a leading byte-order mark (Excel writes one) skipped. */
    public Reader reader() throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** An import takes the file: it deletes it ({@link #close()}) when done, the request's end no longer does. */
    public SpooledCsv take() {
        taken.set(true);
        return this;
    }

    /** Whether the file is still on disk. */
    public boolean exists() {
        return Files.exists(file);
    }

    private void closeUnlessTaken() {
        if (!taken.get()) {
            close();
        }
    }

    /** Deletes the file (once). */
    @Override
    public void close() {
        if (deleted.compareAndSet(false, true)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
