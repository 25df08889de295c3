package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;

/**
 * Comparison with the same period of the previous year (SAL-5), month by month and in total, for any level, unit,
 * month range, and optionally one segment and/or model ({@code *} = all).
 */
public record YearOverYear(Level level, String unitId, int year, int fromMonth, int toMonth, String segment, String model,
        List<Comparison> months, Comparison total) {

    /** One period this year against the same period last year. */
    public record Comparison(String period, long currentFen, long previousFen, long changeFen, BigDecimal growthPercent,
            BigDecimal currentUnits, BigDecimal previousUnits, BigDecimal unitGrowthPercent) {

        static Comparison of(String period, Figures current, Figures previous) {
            return new Comparison(period, current.amountFen(), previous.amountFen(), current.amountFen() - previous.amountFen(),
                    Percent.growth(current.amountFen(), previous.amountFen()), current.units(), previous.units(),
                    Percent.growth(current.unitHundredths(), previous.unitHundredths()));
        }

        List<Object> row() {
            return List.of(period, currentFen, previousFen, changeFen, String.valueOf(growthPercent), currentUnits,
                    previousUnits, String.valueOf(unitGrowthPercent));
        }
    }

    /** {@code figures} holds the months of both years (missing months count zero). */
    public static YearOverYear of(Level level, String unitId, int year, int fromMonth, int toMonth, String segment,
            String model, Map<YearMonth, Figures> figures) {
        List<Comparison> months = new ArrayList<>();
        Figures current = Figures.ZERO;
        Figures previous = Figures.ZERO;
        for (int m = fromMonth; m <= toMonth; m++) {
            Figures now = figures.getOrDefault(YearMonth.of(year, m), Figures.ZERO);
            Figures before = figures.getOrDefault(YearMonth.of(year - 1, m), Figures.ZERO);
            months.add(Comparison.of(YearMonth.of(year, m).toString(), now, before));
            current = current.plus(now);
            previous = previous.plus(before);
        }
        return new YearOverYear(level, unitId, year, fromMonth, toMonth, segment, model, months,
                Comparison.of(year + "-" + String.format("%02d", fromMonth) + ".." + String.format("%02d", toMonth), current, previous));
    }

    public ReportTable table() {
        List<List<Object>> rows = new ArrayList<>();
        months.forEach(c -> rows.add(c.row()));
        rows.add(total.row());
        return new ReportTable("Year over year " + level + " " + unitId, List.of("period", "currentFen", "previousFen",
                "changeFen", "growthPercent", "currentUnits", "previousUnits", "unitGrowthPercent"), rows);
    }
}
