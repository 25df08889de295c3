package org.dealerplatform.aftersales.vehicle;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dealerplatform.platform.jobs.RowProblem;

/**
 * The CSV files a dealer group brings on its first day (issue 10): its vehicles, and their service history, so that the
 * reminder sweep (AFT-3) knows every due date from the start. UTF-8, a header row naming the columns (in any order,
 * unknown columns ignored); the header is row 1. Every problem is reported with its row, column and reason; the valid
 * rows are kept.
 *
 * <ul>
 * <li>vehicles: {@value #VEHICLE_HEADER} — {@code vin} and {@code purchaseDate} required; a {@code mileageKm} is an
 * odometer reading on {@code mileageDate} (default: the import day), which moves a km-based due date;</li>
 * <li>service history: {@value #HISTORY_HEADER} — {@code vin}, {@code serviceDate}, {@code mileageKm} and
 * {@code jobType} ({@link JobType}) required; {@code workOrderId} identifies the visit (default: derived from the
 * row), so importing the same history again records nothing twice.</li>
 * </ul>
 * {@code branchId} may be left out: then the branch the import is for (a branch user's own; HQ names it).
 */
public final class VehicleCsv {

    public static final String VEHICLE_HEADER = "branchId,vin,customerId,model,category,plate,purchaseDate,mileageKm,mileageDate";
    public static final String HISTORY_HEADER = "branchId,vin,serviceDate,mileageKm,jobType,workOrderId,technician";
    static final Pattern VIN = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");
    static final long MAX_KM = 5_000_000;

    private VehicleCsv() {
    }

    /** A valid vehicle row. */
    public record VehicleRow(long row, String branchId, String vin, String customerId, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, Long mileageKm, LocalDate mileageDate) {
    }

    /** A valid service history row (one past workshop visit). */
    public record HistoryRow(long row, String branchId, String vin, LocalDate serviceDate, long mileageKm, JobType jobType,
            String workOrderId, String technician) {
    }

    /** Valid rows, problems of the invalid ones, and the number of data rows read. */
    public record Parsed<R>(List<R> rows, List<RowProblem> problems, long total) {
    }

    public static Parsed<VehicleRow> vehicles(Reader csv, LocalDate today) throws IOException {
        return parse(csv, List.of("vin", "purchaseDate"), VEHICLE_HEADER, cells -> {
            String vin = cells.vin();
            String customerId = cells.text("customerId", 64);
            String model = cells.text("model", 60);
            String categoryText = cells.text("category", 30);
            VehicleCategory category = null;
            if (categoryText != null) {
                try {
                    category = VehicleCategory.valueOf(categoryText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    cells.problem("category", "must be one of " + List.of(VehicleCategory.values()));
                }
            }
            String plate = cells.text("plate", 20);
            LocalDate purchase = cells.date("purchaseDate", true, today);
            Long km = cells.km("mileageKm", false);
            LocalDate mileageDate = cells.date("mileageDate", false, today);
            if (km == null && mileageDate != null) {
                cells.problem("mileageKm", "is required with a mileageDate");
            }
            if (km != null && mileageDate == null) {
                mileageDate = today;
            }
            if (purchase != null && mileageDate != null && mileageDate.isBefore(purchase)) {
                cells.problem("mileageDate", "is before the purchase date");
            }
            return new VehicleRow(cells.row, cells.branchId(), vin, customerId, model, category, plate, purchase, km,
                    mileageDate);
        });
    }

    public static Parsed<HistoryRow> history(Reader csv, LocalDate today) throws IOException {
        return parse(csv, List.of("vin", "serviceDate", "mileageKm", "jobType"), HISTORY_HEADER, cells -> {
            String vin = cells.vin();
            LocalDate date = cells.date("serviceDate", true, today);
            Long km = cells.km("mileageKm", true);
            String jobText = cells.text("jobType", 30);
            JobType jobType = null;
            if (jobText == null) {
                cells.problem("jobType", "is required");
            } else {
                try {
                    jobType = JobType.valueOf(jobText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    cells.problem("jobType", "must be one of " + List.of(JobType.values()));
                }
            }
            String workOrderId = cells.text("workOrderId", 64);
            String technician = cells.text("technician", 60);
            if (workOrderId == null && vin != null && date != null && jobType != null && km != null) {
                workOrderId = "import:" + vin + ":" + date + ":" + jobType + ":" + km;
            }
            return new HistoryRow(cells.row, cells.branchId(), vin, date, km == null ? 0 : km, jobType, workOrderId,
                    technician);
        });
    }

    private static <R> Parsed<R> parse(Reader csv, List<String> required, String known, Function<Cells, R> read)
            throws IOException {
        List<R> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        long total = 0;
        try (CSVParser parser = CSVParser.builder().setReader(csv)
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                        .setIgnoreEmptyLines(true).get()).get()) {
            Map<String, Integer> header = new HashMap<>();
            parser.getHeaderMap().forEach((name, index) -> header.put(name.trim().toLowerCase(Locale.ROOT), index));
            List<String> missing = required.stream().filter(c -> !header.containsKey(c.toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                problems.add(new RowProblem(1, "header", "the header must name the columns " + required
                        + " (missing " + missing + "); known columns: " + known));
                return new Parsed<>(rows, problems, 0);
            }
            for (CSVRecord record : parser) {
                total++;
                Cells cells = new Cells(record, header, total + 1);
                R row = read.apply(cells);
                if (cells.problems.isEmpty()) {
                    rows.add(row);
                } else {
                    problems.addAll(cells.problems);
                }
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException unreadable) {
            problems.add(new RowProblem(total + 2, "file", "cannot be read as CSV: " + unreadable.getMessage()));
        }
        return new Parsed<>(rows, problems, total);
    }

    /** The cells of one row, read by column name, collecting the row's problems. */
    private static final class Cells {
        final CSVRecord record;
        final Map<String, Integer> header;
        final long row;
        final List<RowProblem> problems = new ArrayList<>();

        Cells(CSVRecord record, Map<String, Integer> header, long row) {
            this.record = record;
            this.header = header;
            this.row = row;
        }

        void problem(String field, String reason) {
            problems.add(new RowProblem(row, field, reason));
        }

        String cell(String column) {
            Integer index = header.get(column.toLowerCase(Locale.ROOT));
            if (index == null || index >= record.size()) {
                return null;
            }
            String value = record.get(index).trim();
            if (value.startsWith("'")) {
                value = value.substring(1); // a cell neutralised against formulas by an export (SEC-4)
            }
            return value.isEmpty() ? null : value;
        }

        String text(String column, int max) {
            String value = cell(column);
            if (value != null && value.length() > max) {
                problem(column, "is longer than " + max + " characters");
                return null;
            }
            if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c))) {
                problem(column, "contains control characters");
                return null;
            }
            return value;
        }

        String branchId() {
            return text("branchId", 20);
        }

        String vin() {
            String vin = cell("vin");
            if (vin == null) {
                problem("vin", "is required");
                return null;
            }
            vin = vin.toUpperCase(Locale.ROOT);
            if (!VIN.matcher(vin).matches()) {
                problem("vin", "must be a 17-character VIN (letters except I, O, Q, and digits)");
                return null;
            }
            return vin;
        }

        /** The cell, or null when it is empty; an empty required cell is a problem of the row. */
        private String present(String column, boolean required) {
            String value = cell(column);
            if (value == null && required) {
                problem(column, "is required");
            }
            return value;
        }

        LocalDate date(String column, boolean required, LocalDate today) {
            String value = present(column, required);
            if (value == null) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value);
                if (date.isAfter(today)) {
                    problem(column, "lies in the future");
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                problem(column, "must be a date like 2024-03-31");
                return null;
            }
        }

        Long km(String column, boolean required) {
            String value = present(column, required);
            if (value == null) {
                return null;
            }
            try {
                long km = Long.parseLong(value);
                if (km < 0 || km > MAX_KM) {
                    problem(column, "must be between 0 and " + MAX_KM);
                    return null;
                }
                return km;
            } catch (NumberFormatException e) {
                problem(column, "must be a whole number of km");
                return null;
            }
        }
    }
}
