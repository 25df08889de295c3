package org.dealerplatform.sales.report.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.dealerplatform.sales.report.ReportTable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Report downloads: CSV (UTF-8 with BOM, so Excel shows Chinese model names) and Excel workbooks. Headers come from
 * the platform's {@link ExportColumns}: Chinese by default, English with {@code lang=en} (ECO-4); amounts in fen are
 * written in yuan with two decimals (in a workbook as numbers formatted {@code #,##0.00}, under a frozen header row).
 * Text cells go through {@link SpreadsheetCells} so none can start a formula (SEC-4); numbers stay numbers.
 */
public final class Exports {

    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final int MAX_COLUMN_CHARS = 60;

    private Exports() {
    }

    /** The JSON body, or the table as CSV when {@code format=csv}, headed in {@code lang} (ECO-4). */
    public static ResponseEntity<?> answer(Object json, ReportTable table, String format, String fileName, String lang) {
        return "csv".equalsIgnoreCase(format) ? csv(table, fileName, lang) : ResponseEntity.ok(json);
    }

    /** The cells of one row as an export shows them: amounts in yuan, instants in the business zone. */
    static List<Object> values(ReportTable table, List<Object> row) {
        List<Object> values = new ArrayList<>(row.size());
        for (int c = 0; c < row.size(); c++) {
            String key = c < table.headers().size() ? table.headers().get(c) : null;
            values.add(ExportColumns.value(key, row.get(c), BusinessCalendar.DEFAULT_ZONE));
        }
        return values;
    }

    public static ResponseEntity<byte[]> csv(ReportTable table, String fileName, String lang) {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(ExportColumns.labels(table.headers(), language).stream()
                        .map(SpreadsheetCells::text).toArray(String[]::new)).get())) {
            for (List<Object> row : table.rows()) {
                printer.printRecord(SpreadsheetCells.row(values(table, row)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return download(out.toByteArray(), CSV, fileName + ".csv");
    }

    /** One sheet per table: bold frozen header row, amounts as numbers formatted #,##0.00, columns as wide as their text. */
    public static ResponseEntity<byte[]> xlsx(List<ReportTable> tables, List<String> sheetNames, String fileName, String lang) {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            CellStyle amountStyle = workbook.createCellStyle();
            amountStyle.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            for (int t = 0; t < tables.size(); t++) {
                ReportTable table = tables.get(t);
                Sheet sheet = workbook.createSheet(sheetNames.get(t));
                List<String> labels = ExportColumns.labels(table.headers(), language);
                int[] widths = new int[labels.size()];
                Row header = sheet.createRow(0);
                for (int c = 0; c < labels.size(); c++) {
                    String text = SpreadsheetCells.text(labels.get(c));
                    header.createCell(c).setCellValue(text);
                    header.getCell(c).setCellStyle(headerStyle);
                    widths[c] = Math.max(widths[c], width(text));
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
                    List<Object> values = values(table, table.rows().get(r));
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        String shown;
                        if (v instanceof Long || v instanceof Integer) {
                            row.createCell(c).setCellValue(((Number) v).doubleValue());
                            shown = String.valueOf(v);
                        } else if (v instanceof BigDecimal d) {
                            row.createCell(c).setCellValue(d.doubleValue());
                            if (c < table.headers().size() && ExportColumns.isAmount(table.headers().get(c))) {
                                row.getCell(c).setCellStyle(amountStyle);
                            }
                            shown = d.toPlainString() + "    ";
                        } else {
                            shown = SpreadsheetCells.text(String.valueOf(v));
                            row.createCell(c).setCellValue(shown);
                        }
                        if (c < widths.length) {
                            widths[c] = Math.max(widths[c], width(shown));
                        }
                    }
                }
                for (int c = 0; c < widths.length; c++) {
                    sheet.setColumnWidth(c, Math.min(MAX_COLUMN_CHARS, widths[c] + 2) * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
            return download(out.toByteArray(), XLSX, fileName + ".xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final MediaType PDF = MediaType.APPLICATION_PDF;

    /**
     * The table as a printable landscape A4 PDF (ECO-4): the title, the business date it was printed, the headers in
     * {@code lang} on every page, amounts in yuan as {@code #,##0.00}, right-aligned numbers.
     */
    public static ResponseEntity<byte[]> pdf(ReportTable table, String title, java.time.LocalDate printedOn, String fileName,
            String lang) {
        ExportColumns.Lang language = ExportColumns.Lang.of(lang);
        java.text.DecimalFormat amount = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        boolean[] numeric = new boolean[table.headers().size()];
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Object> values = values(table, row);
            List<String> cells = new ArrayList<>(values.size());
            for (int c = 0; c < values.size(); c++) {
                Object v = values.get(c);
                boolean isAmount = c < numeric.length && ExportColumns.isAmount(table.headers().get(c));
                if (v instanceof Number n && c < numeric.length) {
                    numeric[c] = true;
                    cells.add(isAmount && v instanceof BigDecimal d ? amount.format(d) : String.valueOf(n));
                } else {
                    cells.add(v == null ? "" : String.valueOf(v));
                }
            }
            rows.add(cells);
        }
        String printed = (language == ExportColumns.Lang.EN ? "Printed " : "打印日期 ") + printedOn;
        byte[] body = org.dealerplatform.platform.print.TablePdf.render(title, printed,
                ExportColumns.labels(table.headers(), language), rows, numeric);
        return download(body, PDF, fileName + ".pdf");
    }

    /** Display width in character widths: a CJK character takes two. */
    private static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return width;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
