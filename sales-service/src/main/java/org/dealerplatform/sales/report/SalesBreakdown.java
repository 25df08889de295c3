package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;

/**
 * Sales statistics of one unit over a period (SAL-4): the total, and the same split by month, model, segment, vehicle
 * category (CUS-4: passenger cars and each special-purpose type) and the
 * units one level down (regions of the group, branches of a region, salespeople of a branch, counting their share).
 * A monthly statistic is a breakdown over one month; the annual summary one over a year.
 */
public record SalesBreakdown(Level level, String unitId, String period, Row total, List<Row> byMonth, List<Row> byModel,
        List<Row> bySegment, List<Row> byCategory, List<Row> byChild) {

    /** One line of a breakdown. */
    public record Row(String key, long amountFen, BigDecimal units) {
        static Row of(String key, Figures f) {
            return new Row(key, f.amountFen(), f.units());
        }
    }

    public static SalesBreakdown of(Level level, String unitId, String period, Figures total, Map<String, Figures> byMonth,
            Map<String, Figures> byModel, Map<String, Figures> bySegment, Map<String, Figures> byCategory,
            Map<String, Figures> byChild) {
        return new SalesBreakdown(level, unitId, period, Row.of("total", total), rows(byMonth, false), rows(byModel, true),
                rows(bySegment, true), rows(byCategory, true), rows(byChild, true));
    }

    private static List<Row> rows(Map<String, Figures> figures, boolean biggestFirst) {
        List<Row> rows = new ArrayList<>();
        figures.forEach((k, f) -> rows.add(Row.of(k, f)));
        rows.sort(biggestFirst ? Comparator.comparingLong(Row::amountFen).reversed().thenComparing(Row::key)
                : Comparator.comparing(Row::key));
        return rows;
    }

    public ReportTable table() {
        return table(Map.of());
    }

    /** The table with the name of each unit one level down beside its id ({@code names}: id → name; ECO-4). */
    public ReportTable table(Map<String, String> names) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("total", total.key(), "", total.amountFen(), total.units()));
        byMonth.forEach(r -> rows.add(List.of("month", r.key(), "", r.amountFen(), r.units())));
        byModel.forEach(r -> rows.add(List.of("model", r.key(), "", r.amountFen(), r.units())));
        bySegment.forEach(r -> rows.add(List.of("segment", r.key(), "", r.amountFen(), r.units())));
        byCategory.forEach(r -> rows.add(List.of("category", r.key(), "", r.amountFen(), r.units())));
        byChild.forEach(r -> rows.add(List.of(level.child() == null ? "-" : level.child().name().toLowerCase(), r.key(),
                names.getOrDefault(r.key(), ""), r.amountFen(), r.units())));
        return new ReportTable("Sales " + level + " " + unitId + " " + period, List.of("dimension", "key", "name", "amountFen",
                "units"), rows);
    }
}
