package org.dealerplatform.customer.imports.application;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.print.TablePdf;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Export of customer files as UTF-8 CSV or an Excel workbook (CUS-1), headed in Chinese by default and in English with
 * {@code lang=en} (ECO-4, headers from the platform's {@link ExportColumns}), each one audited (SEC-9, PIPL) through the platform's
 * {@link ExportAudit}: who, when, with which filter and how many rows. The audit entry is written before the first row
 * leaves and completed with the count at the end, so an export that breaks off half-way is still on record. Erased
 * files (SEC-9) and merged ones are not exported.
 */
@Component
public class CustomerExport {

    public static final String ENDPOINT = "GET /api/customers/export";

    private final MongoTemplate mongo;
    private final ExportAudit audit;
    private final ZoneId zone;

    public CustomerExport(MongoTemplate mongo, ExportAudit audit, BusinessCalendar calendar) {
        this.mongo = mongo;
        this.audit = audit;
        this.zone = calendar.zone();
    }

    /** The columns of the export, as keys of the platform's {@link ExportColumns} (their headers in either language). */
    public static final List<String> COLUMNS = List.of("id", "branchId", "name", "type", "mobile", "email", "address",
            "preferredLanguage", "firstVisitDate", "class", "complete", "vins", "plates", "registeredAt");

    /** Writes the active files the caller may see (HQ: all, or {@code branchId}) to {@code writer}; the rows written. */
    public long export(Caller caller, String branchId, Writer writer) throws IOException {
        return export(caller, branchId, ExportColumns.DEFAULT_LANG, writer);
    }

    /** As CSV, headed in {@code lang} (ECO-4: zh-CN, the default, or en). */
    public long export(Caller caller, String branchId, String lang, Writer writer) throws IOException {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                .setHeader(ExportColumns.labels(COLUMNS, language).toArray(String[]::new)).get())) {
            return each(caller, branchId, "csv", lang, row -> {
                try {
                    // SEC-4: a name like =HYPERLINK(...) must reach the spreadsheet as text, not as a formula
                    csv.printRecord(SpreadsheetCells.row(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * As an Excel workbook (ECO-4), streamed: at most {@value #XLSX_WINDOW} rows are held in memory. Bold frozen header
     * row in {@code lang}, columns sized to their headers and contents, text neutralised (SEC-4), flags as booleans.
     */
    public long exportXlsx(Caller caller, String branchId, String lang, OutputStream out) throws IOException {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW);
        try {
            Sheet sheet = workbook.createSheet(language == ExportColumns.Lang.EN ? "Customer files" : "客户档案");
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            List<String> labels = ExportColumns.labels(COLUMNS, language);
            Row header = sheet.createRow(0);
            for (int c = 0; c < labels.size(); c++) {
                header.createCell(c).setCellValue(SpreadsheetCells.text(labels.get(c)));
                header.getCell(c).setCellStyle(headerStyle);
                sheet.setColumnWidth(c, Math.max(WIDTHS[c], width(labels.get(c)) + 2) * 256);
            }
            sheet.createFreezePane(0, 1);
            int[] next = {1};
            long rows = each(caller, branchId, "xlsx", lang, values -> {
                Row row = sheet.createRow(next[0]++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = SpreadsheetCells.cell(values.get(c));
                    if (v == null) {
                        continue;
                    }
                    if (v instanceof Boolean b) {
                        row.createCell(c).setCellValue(b);
                    } else if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(v));
                    }
                }
            });
            workbook.write(out);
            return rows;
        } finally {
            workbook.close();
        }
    }

    private static final int XLSX_WINDOW = 200;
    /** Column widths in characters for the {@link #COLUMNS} (a Chinese character counts two). */
    private static final int[] WIDTHS = {38, 12, 24, 16, 14, 28, 48, 10, 14, 10, 8, 40, 24, 20};

    private static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return width;
    }

    /** Hands each exported file's cells (in {@link #COLUMNS} order) to {@code sink}, audited (SEC-9); the rows handed. */
    private long each(Caller caller, String branchId, String format, String lang, Consumer<List<Object>> sink) {
        Criteria criteria = Criteria.where("status").is(Customer.Status.ACTIVE.name());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria)).with(Sort.by("branchId", "name", "_id"));
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("branchId", branchId);
        filter.put("format", format);
        filter.put("lang", ExportColumns.Lang.of(lang) == ExportColumns.Lang.EN ? "en" : "zh-CN");
        String auditId = audit.started(caller, ENDPOINT, filter);
        long rows = 0;
        try (Stream<Customer> files = mongo.stream(query, Customer.class, CustomerStore.COLLECTION)) {
            for (Customer c : (Iterable<Customer>) files::iterator) {
                sink.accept(Arrays.asList(c.id(), c.branchId(), c.name(), c.type() == null ? null : c.type().name(),
                        c.mobile(), c.email(), c.address(), c.preferredLanguage(),
                        c.firstVisitDate() == null ? null : c.firstVisitDate().toString(),
                        c.customerClass() == null ? null : c.customerClass().name(), c.complete(),
                        c.vehicles().stream().map(Vehicle::vin).collect(Collectors.joining(" ")),
                        c.vehicles().stream().map(Vehicle::plate).filter(p -> p != null).collect(Collectors.joining(" ")),
                        // ECO-4: the moment the file was opened, as a date and time of the business zone
                        c.registeredAt() == null ? null : ExportColumns.value("registeredAt", c.registeredAt(), zone)));
                rows++;
            }
        } finally {
            audit.finished(auditId, rows);
        }
        return rows;
    }

    /** The endpoint of the printable customer file, as the audit names it. */
    public static final String FILE_ENDPOINT = "GET /api/customers/{id}/file.pdf";
    private static final List<String> FILE_FIELDS = List.of("id", "branchId", "name", "type", "mobile", "email", "address",
            "preferredLanguage", "firstVisitDate", "class", "complete", "wantedServices", "notes", "registeredAt");

    /**
     * The customer file as the printable "Basic Information Table of Customer Files" (客户档案基本信息表, ECO-4): one line
     * per field, then one per vehicle, labelled in {@code lang}; audited like an export (SEC-9: it shows personal data).
     * The caller's right to see the file is checked before (another branch's file is 404).
     */
    public byte[] printFile(Caller caller, Customer c, String lang, java.time.LocalDate printedOn) {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        boolean en = language == ExportColumns.Lang.EN;
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("customerId", c.id());
        filter.put("format", "pdf");
        filter.put("lang", en ? "en" : "zh-CN");
        String auditId = audit.started(caller, FILE_ENDPOINT, filter);
        try {
            List<Object> values = Arrays.asList(c.id(), c.branchId(), c.name(), c.type() == null ? null : c.type().name(),
                    c.mobile(), c.email(), c.address(), c.preferredLanguage(), c.firstVisitDate(),
                    c.customerClass() == null ? null : c.customerClass().name(), c.complete() ? (en ? "yes" : "是") : (en ? "no" : "否"),
                    c.wantedServices() == null ? null : String.join(", ", c.wantedServices()), c.notes(),
                    c.registeredAt() == null ? null : ExportColumns.value("registeredAt", c.registeredAt(), zone));
            List<List<String>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < FILE_FIELDS.size(); i++) {
                Object v = values.get(i);
                rows.add(List.of(ExportColumns.label(FILE_FIELDS.get(i), language), v == null ? "" : String.valueOf(v)));
            }
            for (Vehicle v : c.vehicles()) {
                rows.add(List.of(ExportColumns.label("vehicle", language), String.join(" / ", v.vin(),
                        v.model() == null ? "" : v.model(), v.plate() == null ? "" : v.plate(),
                        v.purchaseDate() == null ? "" : v.purchaseDate().toString())));
            }
            String title = en ? "Basic Information Table of Customer Files" : "客户档案基本信息表";
            return TablePdf.render(title, (en ? "Printed " : "打印日期 ") + printedOn,
                    ExportColumns.labels(List.of("field", "value"), language), rows, new boolean[] {false, false});
        } finally {
            audit.finished(auditId, 1);
        }
    }

    /** The audit trail, newest first; HQ only (the caller's role is checked by the controller). */
    public PageResponse<ExportAudit.Entry> audit(int page, int size) {
        return audit.page(page, size);
    }
}
