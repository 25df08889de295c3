package org.dealerplatform.platform.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeyedInserts;
import org.dealerplatform.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs CSV imports as background jobs (CUS-8, issue 10), one at a time per instance, so that a caller (and the
 * gateway) gets an answer at once (202 with the job) and follows the job's progress; the job keeps the row report when
 * it is done. What a row means is the service's {@link Importer}; this class is the plumbing every service's import
 * shares (customer files, vehicles, service history):
 *
 * <ul>
 * <li>SEC-3: at most {@link #MAX_ROWS} data rows per file (413 above); a few jobs may wait, more are refused with 429;
 * a file streamed to disk ({@link SpooledCsv}) is counted and read row by row, so neither the request nor a waiting job
 * holds it in memory (the {@code byte[]} form is for callers that still read the whole body);</li>
 * <li>REL-7: with an {@code Idempotency-Key} the job's id comes from the key, so a retry answers the job the first
 * request started and the file is not imported twice;</li>
 * <li>branches: a job belongs to the branch it imports for; a branch user imports only into its own branch and sees
 * only its branch's jobs (another branch's job answers like a missing one); HQ sees all;</li>
 * <li>the runner refreshes the heartbeat of its jobs, so a job of a process that died reads as failed.</li>
 * </ul>
 */
public class ImportJobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);
    static final int MAX_WAITING = 4;
    /** SEC-3: the most data rows one import takes (the header not counted). */
    public static final int MAX_ROWS = 100_000;

    /** Told the rows of the file and how many are done, after parsing and after each chunk. */
    @FunctionalInterface
    public interface Progress {
        void rows(long total, long done);
    }

    /** What a service does with the file of a job (UTF-8, byte-order mark already skipped). */
    @FunctionalInterface
    public interface Importer {
        ImportReport importCsv(Reader csv, ImportJob job, Caller caller, Progress progress) throws IOException;
    }

    private final String name;
    private final Importer importer;
    private final ImportJobStore jobs;
    private final Clock clock;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner;
    private final ScheduledExecutorService heartbeat;

    /** {@code name} names the threads and the log lines (e.g. {@code customer-import}). */
    public ImportJobRunner(String name, Importer importer, ImportJobStore jobs, Clock clock) {
        this.name = name;
        this.importer = importer;
        this.jobs = jobs;
        this.clock = clock;
        this.runner = Executors.newSingleThreadExecutor(daemon(name));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon(name + "-heartbeat"));
        long every = ImportJob.STALE_AFTER.toSeconds() / 4;
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.SECONDS);
    }

    /** Seconds a caller refused because of {@link #MAX_WAITING} is asked to wait before it sends the file again. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** 429 with {@code Retry-After}, as the API documents every 429, so a client (or the load harness) waits and retries. */
    private static ResponseStatusException busy(int underWay) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                underWay + " imports are under way; start this one when one of them is done") {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** Queues an import of {@code csv} for {@code caller} into the caller's branch (HQ: the branches its rows name). */
    public ImportJob submit(byte[] csv, boolean dryRun, Caller caller, IdempotencyKey key) {
        return submit(csv, dryRun, null, caller, key);
    }

    /**
     * Queues an import of {@code csv} (UTF-8, a leading byte-order mark skipped) into {@code branchId}: a branch user
     * may name only its own branch (or none: its own), HQ any branch (or none: the branches its rows name, and only HQ
     * sees the job). With the request's {@code Idempotency-Key} (REL-7) a retry answers the job the first request
     * started.
     */
    public ImportJob submit(byte[] csv, boolean dryRun, String branchId, Caller caller, IdempotencyKey key) {
        return submit(new Source() {
            @Override
            public long rows() {
                return ImportJobRunner.rows(csv);
            }

            @Override
            public Reader open() throws IOException {
                return utf8(csv);
            }

            @Override
            public void take() {
            }

            @Override
            public void release() {
            }
        }, dryRun, branchId, caller, key);
    }

    /**
     * SEC-3: {@link #submit(byte[], boolean, String, Caller, IdempotencyKey)} of a file streamed to disk
     * ({@link SpooledCsv}): the request and a waiting job hold a path, not the file, and the job reads it row by row.
     * The job takes the file and deletes it when done; a refused or replayed request leaves it to the request's end.
     */
    public ImportJob submit(SpooledCsv csv, boolean dryRun, String branchId, Caller caller, IdempotencyKey key) {
        return submit(new Source() {
            @Override
            public long rows() {
                return csv.rows(MAX_ROWS);
            }

            @Override
            public Reader open() throws IOException {
                return csv.reader();
            }

            @Override
            public void take() {
                csv.take();
            }

            @Override
            public void release() {
                csv.close();
            }
        }, dryRun, branchId, caller, key);
    }

    /** Where a job's file is: its rows (counted before the job is queued), its text, and what to do when done. */
    private interface Source {
        long rows();

        Reader open() throws IOException;

        /** The job owns the file from now on. */
        void take();

        /** The job is done with the file. */
        void release();
    }

    private ImportJob submit(Source csv, boolean dryRun, String branchId, Caller caller, IdempotencyKey key) {
        String branch = branchId == null || branchId.isBlank() ? null : branchId.trim();
        if (!caller.isHq()) {
            if (branch != null && !branch.equals(caller.branchId())) {
                throw new AccessDeniedException("you may only import into your own branch");
            }
            branch = caller.branchId();
        }
        String id = IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString());
        Optional<ImportJob> earlier = jobs.createdBy(id, key);
        if (earlier.isPresent()) {
            return earlier.get().asOf(clock.instant());
        }
        long rows = csv.rows();
        if (rows > MAX_ROWS) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The file has more than " + MAX_ROWS
                    + " data rows, the most one import takes (SEC-3): split it into several files");
        }
        if (mine.size() >= MAX_WAITING) {
            throw busy(mine.size());
        }
        ImportJob job = new ImportJob(id, branch, caller.userId(), dryRun, ImportJob.Status.QUEUED, 0, 0, null, null,
                clock.instant(), clock.instant(), null);
        KeyedInserts.Result<ImportJob> created = jobs.createOnce(job, key);
        if (created.replayed()) {
            return created.record().asOf(clock.instant());
        }
        mine.add(job.id());
        csv.take();
        try {
            runner.execute(() -> run(job, rows, csv, caller));
        } catch (RuntimeException e) {
            mine.remove(job.id());
            csv.release();
            jobs.failed(job.id(), "the import could not be started: " + e.getMessage());
            throw e;
        }
        return job;
    }

    /** The job if {@code caller} may see it (its branch; HQ all), as of now; otherwise empty, like a missing one. */
    public Optional<ImportJob> find(String id, Caller caller) {
        return jobs.find(id).filter(job -> caller.canSee(job.branchId())).map(job -> job.asOf(clock.instant()));
    }

    private void run(ImportJob job, long rows, Source csv, Caller caller) {
        // the importer is told the rows counted before the job was queued (an upper bound), for its progress
        ImportJob counted = new ImportJob(job.id(), job.branchId(), job.requestedBy(), job.dryRun(), job.status(), rows,
                0, null, null, job.createdAt(), job.updatedAt(), null);
        try (Reader reader = csv.open()) {
            jobs.running(job.id());
            jobs.done(job.id(), importer.importCsv(reader, counted, caller, (total, done) -> jobs.progress(job.id(), total, done)));
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed", name, job.id(), e);
            jobs.failed(job.id(), "the import failed: " + e.getMessage());
        } finally {
            mine.remove(job.id());
            csv.release();
        }
    }

    private void beat() {
        try {
            jobs.heartbeat(List.copyOf(mine));
        } catch (RuntimeException e) {
            log.debug("could not refresh the heartbeat of {} jobs", name, e);
        }
    }

    /**
     * Data rows in {@code csv} (the header not counted). Counting line breaks is an upper bound (a quoted cell may hold
     * one) and costs nothing; only a file over the limit by that count is parsed to count its records exactly.
     */
    public static long rows(byte[] csv) {
        long lines = 0;
        for (byte b : csv) {
            if (b == '\n') {
                lines++;
            }
        }
        if (csv.length > 0 && csv[csv.length - 1] != '\n') {
            lines++;
        }
        if (lines - 1 <= MAX_ROWS) {
            return Math.max(0, lines - 1);
        }
        try (CSVParser parser = CSVParser.builder().setReader(utf8(csv)).setFormat(CSVFormat.DEFAULT).get()) {
            long records = 0;
            for (var ignored : parser) {
                records++;
            }
            return Math.max(0, records - 1);
        } catch (IOException | UncheckedIOException unreadable) {
            return Math.max(0, lines - 1); // the import itself reports what is wrong with the file
        }
    }

    /** UTF-8, with a leading byte-order mark (Excel writes one) skipped. */
    public static Reader utf8(byte[] csv) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    @Override
    public void close() throws InterruptedException {
        heartbeat.shutdownNow();
        runner.shutdown();
        if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
            runner.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
