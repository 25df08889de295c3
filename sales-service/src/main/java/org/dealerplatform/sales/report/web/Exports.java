package org.dealerplatform.sales.report.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.dealerplatform.sales.report.ReportTable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Report downloads: CSV (UTF-8 with BOM, so Excel shows Chinese model names) and Excel workbooks. Text cells go
 * through {@link SpreadsheetCells} so none can start a formula (SEC-4); numbers stay numbers.
 */
public final class Exports {

    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Exports() {
    }

    /** The JSON body, or the table as CSV when {@code format=csv}. */
    public static ResponseEntity<?> answer(Object json, ReportTable table, String format, String fileName) {
        return "csv".equalsIgnoreCase(format) ? csv(table, fileName) : ResponseEntity.ok(json);
    }

    public static ResponseEntity<byte[]> csv(ReportTable table, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(table.headers().stream().map(SpreadsheetCells::text)
                        .toArray(String[]::new)).get())) {
            for (List<Object> row : table.rows()) {
                printer.printRecord(SpreadsheetCells.row(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return download(out.toByteArray(), CSV, fileName + ".csv");
    }

    /** One sheet per table. */
    public static ResponseEntity<byte[]> xlsx(List<ReportTable> tables, List<String> sheetNames, String fileName) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int t = 0; t < tables.size(); t++) {
                ReportTable table = tables.get(t);
                Sheet sheet = workbook.createSheet(sheetNames.get(t));
                Row header = sheet.createRow(0);
                for (int c = 0; c < table.headers().size(); c++) {
                    header.createCell(c).setCellValue(SpreadsheetCells.text(table.headers().get(c)));
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
                    List<Object> values = table.rows().get(r);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        if (v instanceof Long || v instanceof Integer) {
                            row.createCell(c).setCellValue(((Number) v).doubleValue());
                        } else if (v instanceof BigDecimal d) {
                            row.createCell(c).setCellValue(d.doubleValue());
                        } else {
                            row.createCell(c).setCellValue(SpreadsheetCells.text(String.valueOf(v)));
                        }
                    }
                }
            }
            workbook.write(out);
            return download(out.toByteArray(), XLSX, fileName + ".xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
