package org.dealerplatform.sales.report;

import java.util.List;

/** A report as rows and columns, for CSV and Excel exports. */
public record ReportTable(String title, List<String> headers, List<List<Object>> rows) {
}
