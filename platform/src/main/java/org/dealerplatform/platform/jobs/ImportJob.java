package org.dealerplatform.platform.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * A CSV import running in the background (CUS-8, issue 10): the branch it imports for (HQ: {@code null}), its progress
 * in rows, and when done its report. A job whose runner stopped answering (its process died) reads as failed:
 * importing the file again is safe, since every import skips the rows already on file.
 */
public record ImportJob(String id, String branchId, String requestedBy, boolean dryRun, Status status, long rows,
        long rowsDone, ImportReport report, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** Where a job is. */
    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /** How long a queued or running job may go without a heartbeat from its runner before it counts as interrupted. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** This job as it should be shown at {@code now}: a job without a recent heartbeat is failed. */
    public ImportJob asOf(Instant now) {
        boolean unfinished = status == Status.QUEUED || status == Status.RUNNING;
        if (unfinished && updatedAt != null && updatedAt.plus(STALE_AFTER).isBefore(now)) {
            return new ImportJob(id, branchId, requestedBy, dryRun, Status.FAILED, rows, rowsDone, null,
                    "the import was interrupted (its process stopped); import the file again: rows already on file are not created twice",
                    createdAt, updatedAt, null);
        }
        return this;
    }
}
