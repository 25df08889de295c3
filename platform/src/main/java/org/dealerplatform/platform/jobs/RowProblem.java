package org.dealerplatform.platform.jobs;

/** One problem of an imported CSV row: its line number in the file (the header is line 1), the column and why. */
public record RowProblem(long row, String field, String reason) {
}
