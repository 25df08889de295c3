package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Market share, the main assessment figure (SAL-6): own units sold / units sold by the whole market, per region,
 * segment and month, with the total over the lines.
 */
public record MarketShare(List<Line> lines, Line total) {

    /** Share in one region, segment and month ({@code *} in totals). */
    public record Line(String regionId, String segment, String month, BigDecimal ownUnits, long marketUnits,
            BigDecimal sharePercent) {

        public static Line of(String regionId, String segment, String month, long ownUnitHundredths, long marketUnits) {
            BigDecimal share = marketUnits == 0 ? null : BigDecimal.valueOf(ownUnitHundredths)
                    .divide(BigDecimal.valueOf(marketUnits), 2, RoundingMode.HALF_UP);
            return new Line(regionId, segment, month, BigDecimal.valueOf(ownUnitHundredths, 2), marketUnits, share);
        }
    }

    public static MarketShare of(List<Line> lines) {
        long own = lines.stream().mapToLong(l -> l.ownUnits().movePointRight(2).longValueExact()).sum();
        long market = lines.stream().mapToLong(Line::marketUnits).sum();
        return new MarketShare(lines, Line.of("*", "*", "*", own, market));
    }

    public ReportTable table() {
        List<List<Object>> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(List.of(l.regionId(), l.segment(), l.month(), l.ownUnits(), l.marketUnits(), String.valueOf(l.sharePercent())));
        }
        rows.add(List.of("total", "*", "*", total.ownUnits(), total.marketUnits(), String.valueOf(total.sharePercent())));
        return new ReportTable("Market share", List.of("regionId", "segment", "month", "ownUnits", "marketUnits", "sharePercent"), rows);
    }
}
