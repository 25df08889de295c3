package org.dealerplatform.sales.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.target.AnnualTarget;

/**
 * Target attainment of one unit as of a date (SAL-3): the month of the date, the quarter to date, the year to date and
 * the whole year, each actual vs task vs target, plus every month of the year so far. Actual figures are the sales
 * dated up to and including {@code asOf}, as recorded at the time of asking.
 */
public record TargetAttainment(Level level, String unitId, LocalDate asOf, AttainmentLine month,
        AttainmentLine quarterToDate, AttainmentLine yearToDate, AttainmentLine fullYear, List<AttainmentLine> months) {

    /** {@code actual} holds the figures of months January..month of {@code asOf} (missing months count zero). */
    public static TargetAttainment of(Level level, String unitId, LocalDate asOf, AnnualTarget target,
            Map<YearMonth, Figures> actual) {
        int m = asOf.getMonthValue();
        int quarterStart = (m - 1) / 3 * 3 + 1;
        List<AttainmentLine> months = new ArrayList<>();
        for (int i = 1; i <= m; i++) {
            YearMonth ym = YearMonth.of(asOf.getYear(), i);
            months.add(AttainmentLine.of(ym.toString(), actual.getOrDefault(ym, Figures.ZERO), target.taskFen(i, i),
                    target.targetFen(i, i)));
        }
        Figures ytd = sum(actual, asOf.getYear(), 1, m);
        return new TargetAttainment(level, unitId, asOf, months.get(m - 1),
                AttainmentLine.of("Q" + ((m - 1) / 3 + 1) + " to date", sum(actual, asOf.getYear(), quarterStart, m),
                        target.taskFen(quarterStart, m), target.targetFen(quarterStart, m)),
                AttainmentLine.of("year to date", ytd, target.taskFen(1, m), target.targetFen(1, m)),
                AttainmentLine.of(asOf.getYear() + " whole year", ytd, target.taskFen(), target.targetFen()),
                months);
    }

    static Figures sum(Map<YearMonth, Figures> actual, int year, int from, int to) {
        Figures sum = Figures.ZERO;
        for (int i = from; i <= to; i++) {
            sum = sum.plus(actual.getOrDefault(YearMonth.of(year, i), Figures.ZERO));
        }
        return sum;
    }

    public ReportTable table() {
        List<List<Object>> rows = new ArrayList<>();
        months.forEach(l -> rows.add(l.row()));
        rows.add(quarterToDate.row());
        rows.add(yearToDate.row());
        rows.add(fullYear.row());
        return new ReportTable("Attainment " + level + " " + unitId + " as of " + asOf, AttainmentLine.HEADERS, rows);
    }
}
