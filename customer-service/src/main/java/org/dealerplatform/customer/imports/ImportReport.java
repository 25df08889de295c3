package org.dealerplatform.customer.imports;

import java.util.List;

/**
 * The outcome of a CSV import (CUS-8): rows read, valid, created, already on file, and each problem with its row,
 * field and reason. At most {@link #MAX_PROBLEMS} problems are listed (sorted by row); {@code problemCount} counts all.
 */
public record ImportReport(boolean dryRun, long rows, long valid, long created, long alreadyOnFile, long problemCount,
        List<CustomerCsv.RowProblem> problems) {

    /** Keeps the report of a 100,000-row file of bad rows well inside one document. */
    public static final int MAX_PROBLEMS = 10_000;
}
