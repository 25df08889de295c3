package org.dealerplatform.platform.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * REL-4: each scheduled job runs on one instance at a time, with failover. A job takes a ShedLock lock (MongoDB
 * provider, kept alive while the job runs), so a second instance skips it; if the holder dies, its lock lapses within
 * {@link #LOCK_AT_MOST_FOR} and the next trigger on any instance runs the job.
 *
 * <p>A daily job ({@link #runOncePerDay}) is triggered more often than daily (e.g. hourly from its start time) and
 * runs once per business day: the first trigger that completes it writes a marker, later triggers and other instances
 * skip it, and a run cut short by a crash is completed by the next trigger elsewhere.
 */
public class ExclusiveJobs {

    /** The jobs' locks, one document per job name (ShedLock's MongoDB format). */
    public static final String LOCKS = "job_locks";
    /** The runs of daily jobs, {@code _id = <job>:<day>}. */
    public static final String RUNS = "job_runs";
    /** How long a lock outlives an instance that died holding it; a live holder keeps extending it. */
    static final Duration LOCK_AT_MOST_FOR = Duration.ofSeconds(60);

    private final LockProvider locks;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    public ExclusiveJobs(LockProvider locks, MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.locks = locks;
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    /** Runs {@code job} unless another instance is running the job named {@code name}; whether it ran here. */
    public boolean runAlone(String name, Runnable job) {
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), name, LOCK_AT_MOST_FOR, Duration.ZERO));
        if (lock.isEmpty()) {
            meters.counter("dealer.jobs.skipped", "job", name).increment();
            return false;
        }
        try {
            job.run();
            meters.counter("dealer.jobs.runs", "job", name).increment();
            return true;
        } finally {
            lock.get().unlock();
        }
    }

    /** Runs the job of {@code day} once across all instances and triggers; whether it ran now. */
    public boolean runOncePerDay(String name, LocalDate day, Runnable job) {
        String run = name + ":" + day;
        if (done(run)) {
            return false;
        }
        boolean[] ran = {false};
        runAlone(name, () -> {
            if (done(run)) {
                return; // finished by another instance between our check and our lock
            }
            job.run();
            try {
                mongo.insert(new Document("_id", run).append("job", name).append("day", day.toString())
                        .append("finishedAt", Date.from(clock.instant())), RUNS);
            } catch (DuplicateKeyException alreadyMarked) {
                // marked by an instance whose lock lapsed while it ran: the job is idempotent, the day is done
            }
            ran[0] = true;
        });
        return ran[0];
    }

    /** Whether the daily job {@code name} has finished for {@code day}. */
    public boolean doneFor(String name, LocalDate day) {
        return done(name + ":" + day);
    }

    private boolean done(String run) {
        return mongo.findById(run, Document.class, RUNS) != null;
    }
}
