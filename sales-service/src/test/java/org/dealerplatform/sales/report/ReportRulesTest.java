package org.dealerplatform.sales.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.target.AnnualTarget;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportRulesTest {

    @Test
    @DisplayName("SAL-3 attainment as of a date: month, quarter to date, year to date and whole year against task and target")
    void attainment() {
        AnnualTarget target = AnnualTarget.set(2026, Level.REGION, "JIANGSU", null, 1_200, 600, null);
        Map<YearMonth, Figures> actual = new HashMap<>();
        for (int m = 1; m <= 5; m++) {
            actual.put(YearMonth.of(2026, m), new Figures(m * 10L, 100));
        }
        TargetAttainment a = TargetAttainment.of(Level.REGION, "JIANGSU", LocalDate.of(2026, 5, 17), target, actual);
        assertThat(a.month().actualFen()).isEqualTo(50);
        assertThat(a.month().targetFen()).isEqualTo(100);
        assertThat(a.month().targetAttainmentPercent()).isEqualByComparingTo("50.00");
        assertThat(a.month().taskAttainmentPercent()).isEqualByComparingTo("100.00");
        assertThat(a.quarterToDate().actualFen()).isEqualTo(90);
        assertThat(a.quarterToDate().targetFen()).isEqualTo(200);
        assertThat(a.yearToDate().actualFen()).isEqualTo(150);
        assertThat(a.yearToDate().taskFen()).isEqualTo(250);
        assertThat(a.yearToDate().shortOfTaskFen()).isEqualTo(100);
        assertThat(a.fullYear().targetFen()).isEqualTo(1_200);
        assertThat(a.months()).hasSize(5);
        assertThat(a.table().rows()).hasSize(8);
    }

    @Test
    @DisplayName("SAL-3 without a target the percentages are empty rather than a division by zero")
    void attainmentWithoutTarget() {
        TargetAttainment a = TargetAttainment.of(Level.BRANCH, "JS-NJ-01", LocalDate.of(2026, 1, 3),
                AnnualTarget.none(2026, Level.BRANCH, "JS-NJ-01"), Map.of());
        assertThat(a.month().targetAttainmentPercent()).isNull();
        assertThat(a.quarterToDate().period()).isEqualTo("Q1 to date");
    }

    @Test
    @DisplayName("SAL-5 year-over-year compares each month with the same month of last year, and the period in total")
    void yearOverYear() {
        Map<YearMonth, Figures> figures = Map.of(YearMonth.of(2026, 3), new Figures(120, 300), YearMonth.of(2025, 3),
                new Figures(100, 200), YearMonth.of(2026, 4), new Figures(50, 100));
        YearOverYear yoy = YearOverYear.of(Level.GROUP, "GROUP", 2026, 3, 4, "*", "*", figures);
        assertThat(yoy.months().get(0).growthPercent()).isEqualByComparingTo("20.00");
        assertThat(yoy.months().get(0).unitGrowthPercent()).isEqualByComparingTo("50.00");
        assertThat(yoy.months().get(1).growthPercent()).isNull();
        assertThat(yoy.total().currentFen()).isEqualTo(170);
        assertThat(yoy.total().previousFen()).isEqualTo(100);
        assertThat(yoy.total().growthPercent()).isEqualByComparingTo("70.00");
    }

    @Test
    @DisplayName("SAL-6 market share is own units over market units, per line and in total; no market figure, no share")
    void marketShare() {
        MarketShare share = MarketShare.of(List.of(MarketShare.Line.of("JIANGSU", "INDIVIDUAL", "2026-11", 12_550, 1_000),
                MarketShare.Line.of("JIANGSU", "GOVERNMENT", "2026-11", 100, 0)));
        assertThat(share.lines().get(0).ownUnits()).isEqualByComparingTo("125.50");
        assertThat(share.lines().get(0).sharePercent()).isEqualByComparingTo("12.55");
        assertThat(share.lines().get(1).sharePercent()).isNull();
        assertThat(share.total().sharePercent()).isEqualByComparingTo("12.65");
    }

    @Test
    @DisplayName("SAL-4 a breakdown lists models and children biggest first, months in order")
    void breakdown() {
        SalesBreakdown b = SalesBreakdown.of(Level.BRANCH, "JS-NJ-01", "2026", new Figures(300, 300),
                Map.of("2026-02", new Figures(100, 100), "2026-01", new Figures(200, 200)),
                Map.of("Lavida", new Figures(100, 100), "Passat", new Figures(200, 200)), Map.of(),
                Map.of("sp-li", new Figures(60, 60)));
        assertThat(b.byMonth()).extracting(SalesBreakdown.Row::key).containsExactly("2026-01", "2026-02");
        assertThat(b.byModel()).extracting(SalesBreakdown.Row::key).containsExactly("Passat", "Lavida");
        assertThat(b.byChild().get(0).units()).isEqualByComparingTo(BigDecimal.valueOf(0.6));
        assertThat(b.table().rows()).hasSize(1 + 2 + 2 + 1);
    }
}
