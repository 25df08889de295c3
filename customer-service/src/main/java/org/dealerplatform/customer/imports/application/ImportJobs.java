package org.dealerplatform.customer.imports.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.io.Reader;
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
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.dealerplatform.customer.imports.ImportJob;
import org.dealerplatform.customer.imports.persistence.ImportJobStore;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeyedInserts;
import org.dealerplatform.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs CSV imports as background jobs (CUS-8), one at a time per instance, so that a caller (and the gateway) gets an
 * answer at once and follows the job's progress; the job keeps the row report when it is done. A few jobs may wait;
 * more are refused with 429, since each waiting job holds its file in memory. The runner refreshes the heartbeat of
 * its jobs, so a job of a process that died reads as failed.
 */
@Component
public class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    static final int MAX_WAITING = 4;
    /** SEC-3: the most data rows one import takes (the header not counted). */
    public static final int MAX_ROWS = 100_000;

    private final CustomerImport imports;
    private final ImportJobStore jobs;
    private final Clock clock;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("customer-import"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("customer-import-heartbeat"));

    public ImportJobs(CustomerImport imports, ImportJobStore jobs, Clock clock) {
        this.imports = imports;
        this.jobs = jobs;
        this.clock = clock;
        long every = ImportJob.STALE_AFTER.toSeconds() / 4;
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.SECONDS);
    }

    /** Queues an import of {@code csv} (UTF-8, a leading byte-order mark skipped) for {@code caller}; the job created. */
    public ImportJob submit(byte[] csv, boolean dryRun, Caller caller) {
        return submit(csv, dryRun, caller, null);
    }

    /**
     * {@link #submit(byte[], boolean, Caller)} with the request's {@code Idempotency-Key} (REL-7): the job's id comes from
     * the key, so a retry answers the job the first request started (and does not import the file twice).
     */
    public ImportJob submit(byte[] csv, boolean dryRun, Caller caller, IdempotencyKey key) {
        String id = IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString());
        Optional<ImportJob> earlier = jobs.createdBy(id, key);
        if (earlier.isPresent()) {
            return earlier.get().asOf(clock.instant());
        }
        long rows = rows(csv);
        if (rows > MAX_ROWS) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The file has " + rows
                    + " rows; one import takes at most " + MAX_ROWS + " (SEC-3): split it into several files");
        }
        if (mine.size() >= MAX_WAITING) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    mine.size() + " imports are under way; start this one when one of them is done");
        }
        ImportJob job = new ImportJob(id, caller.isHq() ? null : caller.branchId(),
                caller.userId(), dryRun, ImportJob.Status.QUEUED, 0, 0, null, null, clock.instant(), clock.instant(), null);
        KeyedInserts.Result<ImportJob> created = jobs.createOnce(job, key);
        if (created.replayed()) {
            return created.record().asOf(clock.instant());
        }
        mine.add(job.id());
        try {
            runner.execute(() -> run(job.id(), csv, dryRun, caller));
        } catch (RuntimeException e) {
            mine.remove(job.id());
            jobs.failed(job.id(), "the import could not be started: " + e.getMessage());
            throw e;
        }
        return job;
    }

    /** The job if {@code caller} may see it (its branch; HQ all), as of now; otherwise empty, like a missing one. */
    public Optional<ImportJob> find(String id, Caller caller) {
        return jobs.find(id).filter(job -> caller.canSee(job.branchId())).map(job -> job.asOf(clock.instant()));
    }

    private void run(String id, byte[] csv, boolean dryRun, Caller caller) {
        try {
            jobs.running(id);
            jobs.done(id, imports.importCsv(utf8(csv), dryRun, caller, (rows, done) -> jobs.progress(id, rows, done)));
        } catch (IOException | RuntimeException e) {
            log.warn("customer import {} failed", id, e);
            jobs.failed(id, "the import failed: " + e.getMessage());
        } finally {
            mine.remove(id);
        }
    }

    private void beat() {
        try {
            jobs.heartbeat(List.copyOf(mine));
        } catch (RuntimeException e) {
            log.debug("could not refresh the heartbeat of import jobs", e);
        }
    }

    /** UTF-8, with a leading byte-order mark (Excel writes one) skipped. */
    /**
     * Data rows in {@code csv} (the header not counted). Counting line breaks is an upper bound (a quoted cell may hold
     * one) and costs nothing; only a file over the limit by that count is parsed to count its records exactly.
     */
    static long rows(byte[] csv) {
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

    static Reader utf8(byte[] csv) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    @Override
    public void destroy() throws InterruptedException {
        heartbeat.shutdownNow();
        runner.shutdown();
        if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
            runner.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
