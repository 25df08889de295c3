package org.dealerplatform.platform.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExportColumnsTest {

    @Test
    @DisplayName("ECO-4 every export column has a Chinese label (the default) and an English one (lang=en); the two differ")
    void labelsInBothLanguages() {
        assertThat(ExportColumns.keys()).hasSizeGreaterThan(40);
        for (String key : ExportColumns.keys()) {
            String zh = ExportColumns.label(key, ExportColumns.Lang.ZH_CN);
            String en = ExportColumns.label(key, ExportColumns.Lang.EN);
            assertThat(zh).as(key).isNotBlank().isNotEqualTo(en).matches(".*[\\u4e00-\\u9fff].*");
            assertThat(en).as(key).isNotBlank().matches("[\\x20-\\x7e]+");
            assertThat(ExportColumns.keyOf(zh)).as(zh).isEqualTo(key);
            assertThat(ExportColumns.keyOf(en)).as(en).isEqualTo(key);
        }
        assertThat(ExportColumns.labels(List.of("name", "amountFen"), ExportColumns.Lang.of(null)))
                .containsExactly("名称", "金额（元）");
        assertThat(ExportColumns.labels(List.of("name", "amountFen"), ExportColumns.Lang.of("en")))
                .containsExactly("Name", "Amount (yuan)");
        assertThat(ExportColumns.Lang.of("zh-CN")).isEqualTo(ExportColumns.Lang.ZH_CN);
        assertThat(ExportColumns.label("unlabelled", ExportColumns.Lang.EN)).isEqualTo("unlabelled");
    }

    @Test
    @DisplayName("ECO-4 amounts in fen are shown in yuan with two decimals; instants as a date and time in the business zone")
    void values() {
        assertThat(ExportColumns.yuan(1_234_567)).isEqualByComparingTo("12345.67").hasScaleOf(2);
        assertThat(ExportColumns.value("amountFen", 1_234_567L, ZoneId.of("Asia/Shanghai")).toString()).isEqualTo("12345.67");
        assertThat(ExportColumns.value("shortOfTaskFen", -5, ZoneId.of("Asia/Shanghai")).toString()).isEqualTo("-0.05");
        assertThat(ExportColumns.value("units", 3L, ZoneId.of("Asia/Shanghai"))).isEqualTo(3L);
        assertThat(ExportColumns.value("units", new BigDecimal("0.60"), ZoneId.of("Asia/Shanghai"))).isEqualTo(new BigDecimal("0.60"));
        // 2026-12-01T17:30Z is already 2 December in Shanghai
        assertThat(ExportColumns.value("registeredAt", Instant.parse("2026-12-01T17:30:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2026-12-02 01:30:00");
    }
}
