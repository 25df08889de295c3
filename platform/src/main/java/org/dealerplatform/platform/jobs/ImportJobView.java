package org.dealerplatform.platform.jobs;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;


/**
 * An import job as every service's API shows it (customer files, vehicles, service history): status and progress in rows; when done the report (rows, valid, created, already
 * on file, problemCount and the problems by row, field and reason); when failed the reason.
 */
public record ImportJobView(String id, String branchId, ImportJob.Status status, boolean dryRun, long rows,
        long rowsDone, Long valid, Long created, Long alreadyOnFile, Long problemCount,
        List<RowProblem> problems, String error, Instant createdAt, Instant finishedAt) {

    /** The answer to a queued import: 202 with the job, and its address ({@code jobPath}, e.g. {@code /api/x/import-jobs/{id}}) in Location. */
    public static ResponseEntity<ImportJobView> accepted(ImportJob job, String jobPath) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(jobPath).buildAndExpand(job.id()).toUri();
        return ResponseEntity.accepted().location(location).body(of(job));
    }

    public static ImportJobView of(ImportJob job) {
        var report = job.report();
        return new ImportJobView(job.id(), job.branchId(), job.status(), job.dryRun(), job.rows(), job.rowsDone(),
                report == null ? null : report.valid(), report == null ? null : report.created(),
                report == null ? null : report.alreadyOnFile(), report == null ? null : report.problemCount(),
                report == null ? null : report.problems(), job.error(), job.createdAt(), job.finishedAt());
    }
}
