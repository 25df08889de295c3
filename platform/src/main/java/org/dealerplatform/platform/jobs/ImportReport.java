package org.dealerplatform.platform.jobs;

import java.util.List;

/**
 * The outcome of a CSV import job (CUS-8, issue 10): rows read, valid, created, already on file, and each problem with
 * its row, field and reason. At most {@link #MAX_PROBLEMS} problems are listed (sorted by row); {@code problemCount}
 * counts all.
 */
public record ImportReport(boolean dryRun, long rows, long valid, long created, long alreadyOnFile, long problemCount,
        List<RowProblem> problems) {

    /** Keeps the report of a 100,000-row file of bad rows well inside one document. */
    public static final int MAX_PROBLEMS = 10_000;

    /** The report of these counts, with the problems sorted by row and cut to {@link #MAX_PROBLEMS}. */
    public static ImportReport of(boolean dryRun, long rows, long valid, long created, long alreadyOnFile,
            List<RowProblem> problems) {
        List<RowProblem> sorted = new java.util.ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingLong(RowProblem::row));
        List<RowProblem> listed = sorted.size() > MAX_PROBLEMS ? List.copyOf(sorted.subList(0, MAX_PROBLEMS)) : sorted;
        return new ImportReport(dryRun, rows, valid, created, alreadyOnFile, sorted.size(), listed);
    }
}
