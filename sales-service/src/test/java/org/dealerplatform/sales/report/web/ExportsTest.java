package org.dealerplatform.sales.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dealerplatform.sales.report.ReportTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExportsTest {

    private final ReportTable table = new ReportTable("t", List.of("what", "amountFen", "note"),
            List.of(List.of("=HYPERLINK(\"http://evil\",\"x\")", -150000L, "+86 138"),
                    List.of("Model 王", 3, "@SUM(A1)")));

    private static List<CSVRecord> parse(byte[] csv) throws Exception {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text.substring(1)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return parser.getRecords();
        }
    }

    @Test
    @DisplayName("SEC-4 ECO-4 a CSV export gives every text cell that could start a formula a leading quote; amounts stay plain numbers, in yuan")
    void csvCellsAreNeutralised() throws Exception {
        List<CSVRecord> rows = parse(Exports.csv(table, "t", "en").getBody());
        assertThat(rows.get(0).get("What")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(rows.get(0).get("Amount (yuan)")).isEqualTo("-1500.00");
        assertThat(rows.get(0).get("Note")).isEqualTo("'+86 138");
        assertThat(rows.get(1).get("What")).isEqualTo("Model 王");
        assertThat(rows.get(1).get("Amount (yuan)")).isEqualTo("0.03");
        assertThat(rows.get(1).get("Note")).isEqualTo("'@SUM(A1)");
    }

    @Test
    @DisplayName("ECO-4 a CSV export is headed in Chinese by default (and for lang=zh-CN), in English with lang=en")
    void csvHeadersByLanguage() throws Exception {
        for (String lang : new String[] {null, "zh-CN"}) {
            String text = new String(Exports.csv(table, "t", lang).getBody(), StandardCharsets.UTF_8);
            assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("\uFEFF内容,金额（元）,备注");
        }
        String english = new String(Exports.csv(table, "t", "en").getBody(), StandardCharsets.UTF_8);
        assertThat(english.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFWhat,Amount (yuan),Note");
    }

    @Test
    @DisplayName("ECO-4 10,000 rows of fen become yuan with exactly two decimals, none lost, in CSV and in Excel")
    void amountsAtVolume() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            rows.add(List.of("row " + i, i * 1_000_003L + 7, "x"));
        }
        ReportTable big = new ReportTable("big", List.of("what", "amountFen", "note"), rows);
        List<CSVRecord> records = parse(Exports.csv(big, "big", "zh-CN").getBody());
        assertThat(records).hasSize(10_000);
        for (int i = 0; i < records.size(); i++) {
            long fen = i * 1_000_003L + 7;
            assertThat(records.get(i).get("金额（元）")).isEqualTo(String.format("%d.%02d", fen / 100, fen % 100));
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                Exports.xlsx(List.of(big), List.of("S"), "big", "zh-CN").getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(10_000);
            assertThat(sheet.getRow(10_000).getCell(1).getNumericCellValue()).isEqualTo((9_999 * 1_000_003L + 7) / 100.0);
        }
    }

    @Test
    @DisplayName("SEC-4 ECO-4 an Excel export writes risky text as quoted text cells and amounts as numeric yuan cells formatted #,##0.00")
    void xlsxCellsAreNeutralised() throws Exception {
        byte[] xlsx = Exports.xlsx(List.of(table), List.of("Sheet"), "t", "en").getBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row first = workbook.getSheetAt(0).getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(-1500d);
            assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("'+86 138");
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(2).getStringCellValue()).isEqualTo("'@SUM(A1)");
        }
    }

    @Test
    @DisplayName("ECO-4 an Excel export has Chinese headers by default (English with lang=en), a frozen header row and columns as wide as their text")
    void xlsxLayout() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                Exports.xlsx(List.of(table), List.of("表"), "t", null).getBody()))) {
            Sheet sheet = workbook.getSheet("表");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("金额（元）");
            assertThat(sheet.getPaneInformation()).isNotNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            // "=HYPERLINK("http://evil","x")" is 30 characters: the column is wider than the default 8
            assertThat(sheet.getColumnWidth(0)).isGreaterThanOrEqualTo(30 * 256);
            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(10 * 256);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                Exports.xlsx(List.of(table), List.of("S"), "t", "en").getBody()))) {
            assertThat(workbook.getSheet("S").getRow(0).getCell(1).getStringCellValue()).isEqualTo("Amount (yuan)");
        }
    }
}
