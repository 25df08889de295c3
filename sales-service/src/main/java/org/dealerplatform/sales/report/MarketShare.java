package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Market share, the main assessment figure (SAL-6): own units sold / units sold by the whole market, per region,
 * segment, vehicle category (CUS-4; {@code *} = every category) and month, with the total. A line without a market figure is shown and flagged ({@code marketMissing}) but not
 * counted: the total is the own units of the lines that have a market figure over the sum of those figures, so one
 * month of market data never divides a whole year's sales.
 */
public record MarketShare(List<Line> lines, Line total, int linesWithoutMarket, BigDecimal ownUnitsWithoutMarket) {

    /**
     * Share in one region, segment, category and month ({@code *} in the total); {@code marketUnits} is {@code null}
     * when HQ has entered no market figure for the line, and the share is {@code null} when there is no market figure
     * or it is zero. A category's line is its own units over the market figure HQ entered for that category.
     */
    public record Line(String regionId, String segment, String category, String month, BigDecimal ownUnits,
            Long marketUnits, BigDecimal sharePercent, boolean marketMissing) {

        /** A line of every vehicle category. */
        public static Line of(String regionId, String segment, String month, long ownUnitHundredths, Long marketUnits) {
            return of(regionId, segment, "*", month, ownUnitHundredths, marketUnits);
        }

        public static Line of(String regionId, String segment, String category, String month, long ownUnitHundredths,
                Long marketUnits) {
            BigDecimal share = marketUnits == null || marketUnits == 0 ? null : BigDecimal.valueOf(ownUnitHundredths)
                    .divide(BigDecimal.valueOf(marketUnits), 2, RoundingMode.HALF_UP);
            return new Line(regionId, segment, category, month, BigDecimal.valueOf(ownUnitHundredths, 2), marketUnits,
                    share, marketUnits == null);
        }

        long ownUnitHundredths() {
            return ownUnits.movePointRight(2).longValueExact();
        }
    }

    /** The lines and their total over the lines that have a market figure. */
    public static MarketShare of(List<Line> lines) {
        long own = 0;
        long market = 0;
        long ownWithoutMarket = 0;
        int withoutMarket = 0;
        for (Line line : lines) {
            if (line.marketMissing()) {
                withoutMarket++;
                ownWithoutMarket += line.ownUnitHundredths();
            } else {
                own += line.ownUnitHundredths();
                market += line.marketUnits();
            }
        }
        return new MarketShare(lines, Line.of("*", "*", "*", own, market), withoutMarket,
                BigDecimal.valueOf(ownWithoutMarket, 2));
    }

    public ReportTable table() {
        List<List<Object>> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(row(l.regionId(), l));
        }
        rows.add(row("total", total));
        return new ReportTable("Market share", List.of("regionId", "segment", "category", "month", "ownUnits",
                "marketUnits", "sharePercent", "marketMissing"), rows);
    }

    private static List<Object> row(String label, Line l) {
        return List.of(label, l.segment(), l.category(), l.month(), l.ownUnits(), l.marketUnits() == null ? "" : l.marketUnits(),
                l.sharePercent() == null ? "" : l.sharePercent(), l.marketMissing());
    }
}
