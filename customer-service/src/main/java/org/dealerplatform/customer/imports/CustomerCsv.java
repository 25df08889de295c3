package org.dealerplatform.customer.imports;

import org.dealerplatform.platform.jobs.RowProblem;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.platform.validation.MobileNumber;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;

/**
 * The CSV layout of customer files and its row validation (CUS-8). Columns (header required, order free):
 * {@code branchId,name,type,mobile,email,address,preferredLanguage,firstVisitDate}; {@code name} and {@code mobile}
 * are required (the mobile number makes re-imports idempotent). Rows are numbered as a spreadsheet shows them: the
 * header is row 1, the first customer row 2. A cell our export neutralised ({@code '=...}, SEC-4) is read back
 * without its leading quote. The header may also be an export's Chinese or English column labels (ECO-4).
 */
public final class CustomerCsv {

    public static final List<String> COLUMNS = List.of("branchId", "name", "type", "mobile", "email", "address",
            "preferredLanguage", "firstVisitDate");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private CustomerCsv() {
    }


    /** A valid row, ready to become a customer file. */
    public record Row(long row, String branchId, String name, CustomerType type, String mobile, String email,
            String address, String preferredLanguage, LocalDate firstVisitDate) {
    }

    /** Valid rows and problems of invalid ones. */
    public record Parsed(List<Row> rows, List<RowProblem> problems, long total) {
    }

    /** Everything at once (tests, small files): {@link #read} collecting the rows in a list. */
    public static Parsed parse(Reader reader, LocalDate today) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        long total = read(reader, today, rows::add, problems::add);
        return new Parsed(rows, problems, total);
    }

    /**
     * Reads {@code reader} row by row (SEC-3: nothing of the file is kept here), handing each valid row to
     * {@code valid} and each problem to {@code problems} in file order; the number of data rows read.
     */
    public static long read(Reader reader, LocalDate today, Consumer<Row> valid, Consumer<RowProblem> problems)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        long total = 0;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            // ECO-4: an export's Chinese or English headers name the same columns as the keys
            Map<String, String> columns = new HashMap<>();
            for (String name : parser.getHeaderNames()) {
                String key = ExportColumns.keyOf(name);
                columns.putIfAbsent(key == null ? name : key, name);
            }
            if (!columns.containsKey("name") || !columns.containsKey("mobile")) {
                problems.accept(new RowProblem(1, "header", "the header must name at least the columns name and mobile; known columns: "
                        + String.join(",", COLUMNS)));
                return 0;
            }
            for (CSVRecord record : parser) {
                total++;
                long row = record.getRecordNumber() + 1;
                List<RowProblem> rowProblems = new ArrayList<>();
                String name = value(record, columns, "name");
                if (name == null) {
                    rowProblems.add(new RowProblem(row, "name", "is required"));
                } else if (name.length() > 100) {
                    rowProblems.add(new RowProblem(row, "name", "must be at most 100 characters"));
                }
                CustomerType type = null;
                String typeText = value(record, columns, "type");
                if (typeText != null) {
                    try {
                        type = CustomerType.valueOf(typeText.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        rowProblems.add(new RowProblem(row, "type", "must be INDIVIDUAL, GROUP_COMPANY or GOVERNMENT"));
                    }
                }
                String mobileText = value(record, columns, "mobile");
                String mobile = MobileNumber.normalize(mobileText);
                if (mobileText == null) {
                    rowProblems.add(new RowProblem(row, "mobile", "is required"));
                } else if (mobile == null) {
                    rowProblems.add(new RowProblem(row, "mobile", "must be a mainland mobile number, e.g. 13812345678"));
                }
                String email = value(record, columns, "email");
                if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
                    rowProblems.add(new RowProblem(row, "email", "must be an e-mail address"));
                }
                String address = value(record, columns, "address");
                if (address != null && address.length() > 300) {
                    rowProblems.add(new RowProblem(row, "address", "must be at most 300 characters"));
                }
                String language = value(record, columns, "preferredLanguage");
                if (language != null && !language.equals("zh-CN") && !language.equals("en")) {
                    rowProblems.add(new RowProblem(row, "preferredLanguage", "must be zh-CN or en"));
                }
                LocalDate visit = null;
                String visitText = value(record, columns, "firstVisitDate");
                if (visitText != null) {
                    try {
                        visit = LocalDate.parse(visitText);
                        if (visit.isAfter(today)) {
                            rowProblems.add(new RowProblem(row, "firstVisitDate", "must not be in the future"));
                        }
                    } catch (DateTimeParseException e) {
                        rowProblems.add(new RowProblem(row, "firstVisitDate", "must be a date like 2026-11-20"));
                    }
                }
                if (rowProblems.isEmpty()) {
                    valid.accept(new Row(row, value(record, columns, "branchId"), name, type, mobile, email, address, language,
                            visit == null ? today : visit));
                } else {
                    rowProblems.forEach(problems);
                }
            }
        }
        return total;
    }

    private static String value(CSVRecord record, Map<String, String> columns, String key) {
        String column = columns.get(key);
        if (column == null || !record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = SpreadsheetCells.restore(record.get(column));
        return value == null || value.isBlank() ? null : value.strip();
    }
}
