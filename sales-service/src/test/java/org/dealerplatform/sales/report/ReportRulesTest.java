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
        Map<DatePeriod, Figures> figures = Map.of(month(2026, 3), new Figures(120, 300), month(2025, 3), new Figures(100, 200),
                month(2026, 4), new Figures(50, 100));
        YearOverYear yoy = YearOverYear.of(Level.GROUP, "GROUP", new DatePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 30)),
                "*", "*", p -> figures.getOrDefault(p, Figures.ZERO));
        assertThat(yoy.months().get(0).growthPercent()).isEqualByComparingTo("20.00");
        assertThat(yoy.months().get(0).unitGrowthPercent()).isEqualByComparingTo("50.00");
        assertThat(yoy.months().get(1).growthPercent()).isNull();
        assertThat(yoy.total().currentFen()).isEqualTo(170);
        assertThat(yoy.total().previousFen()).isEqualTo(100);
        assertThat(yoy.total().growthPercent()).isEqualByComparingTo("70.00");
    }

    private static DatePeriod month(int year, int month) {
        YearMonth m = YearMonth.of(year, month);
        return new DatePeriod(m.atDay(1), m.atEndOfMonth());
    }

    @Test
    @DisplayName("SAL-5 the same period is one year off both ends: 2028-02-29 becomes 2027-02-28, a partial month stays partial")
    void samePeriodIsOneYearOffBothEnds() {
        assertThat(new DatePeriod(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)).previousYear())
                .isEqualTo(new DatePeriod(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 28)));
        assertThat(new DatePeriod(LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 10)).previousYear())
                .isEqualTo(new DatePeriod(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 10)));
        DatePeriod monthSoFar = new DatePeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1));
        assertThat(monthSoFar.previousYear()).isEqualTo(new DatePeriod(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 1)));
        assertThat(monthSoFar.isWholeMonth()).isFalse();
        assertThat(monthSoFar.previousYear().isWholeMonth()).isFalse();
    }

    @Test
    @DisplayName("SAL-5 a period spanning a year boundary is cut at month ends, each piece compared with the same days a year earlier")
    void periodAcrossYearBoundary() {
        DatePeriod period = new DatePeriod(LocalDate.of(2026, 11, 20), LocalDate.of(2027, 1, 10));
        assertThat(period.byMonth()).containsExactly(
                new DatePeriod(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 30)),
                new DatePeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)),
                new DatePeriod(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 10)));
        YearOverYear yoy = YearOverYear.of(Level.BRANCH, "JS-NJ-01", period, "*", "*",
                p -> new Figures(p.days().size(), 100L * p.days().size()));
        assertThat(yoy.months()).extracting(YearOverYear.Comparison::period).containsExactly("2026-11", "2026-12", "2027-01");
        assertThat(yoy.months().get(0).previousFrom()).isEqualTo(LocalDate.of(2025, 11, 20));
        assertThat(yoy.months().get(2).previousTo()).isEqualTo(LocalDate.of(2026, 1, 10));
        assertThat(yoy.total().currentFen()).isEqualTo(11 + 31 + 10);
        assertThat(yoy.total().previousFen()).isEqualTo(11 + 31 + 10);
        assertThat(yoy.previousFrom()).isEqualTo(LocalDate.of(2025, 11, 20));
    }

    @Test
    @DisplayName("SAL-5 in CSV and Excel a growth without a base is an empty cell, not \"null\"")
    void missingGrowthIsAnEmptyCell() {
        YearOverYear yoy = YearOverYear.of(Level.BRANCH, "JS-NJ-01", month(2026, 3), "*", "*",
                p -> p.from().getYear() == 2026 ? new Figures(100, 100) : Figures.ZERO);
        List<Object> row = yoy.table().rows().get(0);
        assertThat(row.get(yoy.table().headers().indexOf("growthPercent"))).isEqualTo("");
        assertThat(row.get(yoy.table().headers().indexOf("unitGrowthPercent"))).isEqualTo("");
        assertThat(row).doesNotContain("null");
    }

    @Test
    @DisplayName("SAL-6 market share is own units over market units, per line and in total; a market figure of zero gives no share")
    void marketShare() {
        MarketShare share = MarketShare.of(List.of(MarketShare.Line.of("JIANGSU", "INDIVIDUAL", "2026-11", 12_550, 1_000L),
                MarketShare.Line.of("JIANGSU", "GOVERNMENT", "2026-11", 100, 0L)));
        assertThat(share.lines().get(0).ownUnits()).isEqualByComparingTo("125.50");
        assertThat(share.lines().get(0).sharePercent()).isEqualByComparingTo("12.55");
        assertThat(share.lines().get(1).sharePercent()).isNull();
        assertThat(share.lines().get(1).marketMissing()).isFalse();
        assertThat(share.total().sharePercent()).isEqualByComparingTo("12.65");
    }

    @Test
    @DisplayName("SAL-6 the total covers only lines with a market figure: one month of market (100) against a year of sales (9) is 1.00 %, not 9.00 %")
    void marketShareTotalCountsOnlyLinesWithAMarketFigure() {
        List<MarketShare.Line> lines = new java.util.ArrayList<>();
        lines.add(MarketShare.Line.of("JIANGSU", "GOVERNMENT", "2026-03", 100, 100L));
        for (int m = 4; m <= 11; m++) {
            lines.add(MarketShare.Line.of("JIANGSU", "GOVERNMENT", YearMonth.of(2026, m).toString(), 100, null));
        }
        MarketShare share = MarketShare.of(lines);
        assertThat(share.total().sharePercent()).isEqualByComparingTo("1.00");
        assertThat(share.total().ownUnits()).isEqualByComparingTo("1.00");
        assertThat(share.total().marketUnits()).isEqualTo(100L);
        assertThat(share.linesWithoutMarket()).isEqualTo(8);
        assertThat(share.ownUnitsWithoutMarket()).isEqualByComparingTo("8.00");
        assertThat(share.lines().get(1).marketMissing()).isTrue();
        assertThat(share.lines().get(1).marketUnits()).isNull();
        assertThat(share.lines().get(1).sharePercent()).isNull();
        List<Object> row = share.table().rows().get(1);
        assertThat(row).containsExactly("JIANGSU", "GOVERNMENT", "*", "2026-04", new BigDecimal("1.00"), "", "", true);
    }

    @Test
    @DisplayName("SAL-4 CUS-4 a breakdown lists models, categories and children biggest first, months in order")
    void breakdown() {
        SalesBreakdown b = SalesBreakdown.of(Level.BRANCH, "JS-NJ-01", "2026", new Figures(300, 300),
                Map.of("2026-02", new Figures(100, 100), "2026-01", new Figures(200, 200)),
                Map.of("Lavida", new Figures(100, 100), "Passat", new Figures(200, 200)), Map.of(),
                Map.of("SPRINKLER", new Figures(100, 100), "PASSENGER_CAR", new Figures(200, 200)),
                Map.of("sp-li", new Figures(60, 60)));
        assertThat(b.byMonth()).extracting(SalesBreakdown.Row::key).containsExactly("2026-01", "2026-02");
        assertThat(b.byModel()).extracting(SalesBreakdown.Row::key).containsExactly("Passat", "Lavida");
        assertThat(b.byChild().get(0).units()).isEqualByComparingTo(BigDecimal.valueOf(0.6));
        assertThat(b.byCategory()).extracting(SalesBreakdown.Row::key).containsExactly("PASSENGER_CAR", "SPRINKLER");
        assertThat(b.table().rows()).hasSize(1 + 2 + 2 + 2 + 1);
        assertThat(b.table().rows()).contains(List.of("category", "SPRINKLER", "", 100L, new Figures(100, 100).units()));
    }
}
