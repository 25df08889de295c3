package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;

/**
 * Comparison with the same period of the previous year (SAL-5): the period {@code from..to} (both included) against the
 * same calendar days a year earlier ({@link DatePeriod#previousYear()}), month by month and in total, for any level,
 * unit, and optionally one segment and/or model ({@code *} = all). A month the period covers only in part is compared
 * with the same days of last year's month, never with the whole of it.
 */
public record YearOverYear(Level level, String unitId, LocalDate from, LocalDate to, LocalDate previousFrom,
        LocalDate previousTo, String segment, String model, List<Comparison> months, Comparison total) {

    /** One period against the same calendar days of last year. */
    public record Comparison(String period, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
            long currentFen, long previousFen, long changeFen, BigDecimal growthPercent, BigDecimal currentUnits,
            BigDecimal previousUnits, BigDecimal unitGrowthPercent) {

        static Comparison of(String label, DatePeriod current, DatePeriod previous, Figures now, Figures before) {
            return new Comparison(label, current.from(), current.to(), previous.from(), previous.to(), now.amountFen(),
                    before.amountFen(), now.amountFen() - before.amountFen(), Percent.growth(now.amountFen(), before.amountFen()),
                    now.units(), before.units(), Percent.growth(now.unitHundredths(), before.unitHundredths()));
        }

        /** A CSV/Excel row; a growth without a base is an empty cell. */
        List<Object> row() {
            return List.of(period, from.toString(), to.toString(), previousFrom.toString(), previousTo.toString(), currentFen,
                    previousFen, changeFen, cell(growthPercent), currentUnits, previousUnits, cell(unitGrowthPercent));
        }

        private static Object cell(BigDecimal value) {
            return value == null ? "" : value;
        }
    }

    /**
     * The comparison of {@code period} with the same days of last year; {@code figuresOf} answers the figures of any
     * piece of a month ({@link DatePeriod#byMonth()} of both periods).
     */
    public static YearOverYear of(Level level, String unitId, DatePeriod period, String segment, String model,
            Function<DatePeriod, Figures> figuresOf) {
        List<Comparison> months = new ArrayList<>();
        Figures current = Figures.ZERO;
        Figures previous = Figures.ZERO;
        for (DatePeriod piece : period.byMonth()) {
            DatePeriod lastYear = piece.previousYear();
            Figures now = figuresOf.apply(piece);
            Figures before = figuresOf.apply(lastYear);
            months.add(Comparison.of(YearMonth.from(piece.from()).toString(), piece, lastYear, now, before));
            current = current.plus(now);
            previous = previous.plus(before);
        }
        DatePeriod lastYear = period.previousYear();
        return new YearOverYear(level, unitId, period.from(), period.to(), lastYear.from(), lastYear.to(), segment, model,
                months, Comparison.of(period.from() + ".." + period.to(), period, lastYear, current, previous));
    }

    public ReportTable table() {
        List<List<Object>> rows = new ArrayList<>();
        months.forEach(c -> rows.add(c.row()));
        rows.add(total.row());
        return new ReportTable("Year over year " + level + " " + unitId, List.of("period", "from", "to", "previousFrom",
                "previousTo", "currentFen", "previousFen", "changeFen", "growthPercent", "currentUnits", "previousUnits",
                "unitGrowthPercent"), rows);
    }
}
