package org.dealerplatform.sales.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dealerplatform.sales.report.ReportTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExportsTest {

    private final ReportTable table = new ReportTable("t", List.of("what", "amountFen", "note"),
            List.of(List.of("=HYPERLINK(\"http://evil\",\"x\")", -150000L, "+86 138"),
                    List.of("Model 王", 3, "@SUM(A1)")));

    @Test
    @DisplayName("SEC-4 a CSV export gives every text cell that could start a formula a leading quote; numbers stay plain")
    void csvCellsAreNeutralised() throws Exception {
        byte[] csv = Exports.csv(table, "t").getBody();
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows.get(0).get("what")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
            assertThat(rows.get(0).get("amountFen")).isEqualTo("-150000");
            assertThat(rows.get(0).get("note")).isEqualTo("'+86 138");
            assertThat(rows.get(1).get("what")).isEqualTo("Model 王");
            assertThat(rows.get(1).get("note")).isEqualTo("'@SUM(A1)");
        }
    }

    @Test
    @DisplayName("SEC-4 an Excel export writes risky text as quoted text cells and numbers as numeric cells")
    void xlsxCellsAreNeutralised() throws Exception {
        byte[] xlsx = Exports.xlsx(List.of(table), List.of("Sheet"), "t").getBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row first = workbook.getSheetAt(0).getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(-150000d);
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("'+86 138");
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(2).getStringCellValue()).isEqualTo("'@SUM(A1)");
        }
    }
}
