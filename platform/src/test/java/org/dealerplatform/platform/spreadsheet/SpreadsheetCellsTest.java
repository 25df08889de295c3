package org.dealerplatform.platform.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    @DisplayName("SEC-4 text starting with = + - @ TAB or CR gets a leading quote; other text is unchanged")
    void neutralisesFormulaStarts() {
        for (String risky : List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(SpreadsheetCells.text(risky)).isEqualTo("'" + risky);
        }
        assertThat(SpreadsheetCells.text("王先生")).isEqualTo("王先生");
        assertThat(SpreadsheetCells.text("a=b")).isEqualTo("a=b");
        assertThat(SpreadsheetCells.text("")).isEmpty();
        assertThat(SpreadsheetCells.text(null)).isNull();
    }

    @Test
    @DisplayName("SEC-4 numbers and booleans stay typed, even negative ones; other values become neutralised text")
    void numbersStayTyped() {
        assertThat(SpreadsheetCells.cell(-1500L)).isEqualTo(-1500L);
        assertThat(SpreadsheetCells.cell(3)).isEqualTo(3);
        assertThat(SpreadsheetCells.cell(true)).isEqualTo(true);
        assertThat(SpreadsheetCells.cell(LocalDate.of(2026, 11, 20))).isEqualTo("2026-11-20");
        assertThat(SpreadsheetCells.cell(null)).isNull();
        assertThat(SpreadsheetCells.row(List.of("=1", 2L, "x"))).containsExactly("'=1", 2L, "x");
        assertThat(Arrays.asList(SpreadsheetCells.row("-x", -2L))).containsExactly("'-x", -2L);
    }

    @Test
    @DisplayName("SEC-4 an import restores what an export neutralised, and leaves other quotes alone")
    void restoresOnImport() {
        for (String risky : List.of("=1+1", "+86", "-", "@x", "\tx")) {
            assertThat(SpreadsheetCells.restore(SpreadsheetCells.text(risky))).isEqualTo(risky);
        }
        assertThat(SpreadsheetCells.restore("'Tis")).isEqualTo("'Tis");
        assertThat(SpreadsheetCells.restore("'")).isEqualTo("'");
        assertThat(SpreadsheetCells.restore(null)).isNull();
    }
}
