package org.dealerplatform.sales.rollup;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.sale.SalesCredit;

/**
 * What one sale adds to the roll-up in its current state. A counted sale adds its amount and one unit to the group, its
 * region and its branch, and each credited salesperson's share (SAL-11), each in the cells of its month for its segment
 * and model, for every segment and for every model, and (CUS-4) in the all-models cells of its vehicle category. A
 * cancelled sale adds nothing. {@code category} is {@code null} for a sale applied before the category dimension: it
 * adds no category cells, so undoing it removes none.
 */
public record SaleContribution(String branchId, String regionId, List<SalesCredit> salespeople, String segment,
        String model, String category, long amountFen, LocalDate saleDate, boolean counted) {

    /** A contribution without a known category. */
    public SaleContribution(String branchId, String regionId, List<SalesCredit> salespeople, String segment,
            String model, long amountFen, LocalDate saleDate, boolean counted) {
        this(branchId, regionId, salespeople, segment, model, null, amountFen, saleDate, counted);
    }

    public YearMonth month() {
        return YearMonth.from(saleDate);
    }

    /** The same sale, no longer counted (cancelled). */
    public SaleContribution cancelled() {
        return new SaleContribution(branchId, regionId, salespeople, segment, model, category, amountFen, saleDate, false);
    }

    /** The cells this sale adds to, with what it adds. */
    public Map<RollupCell, Figures> cells() {
        Map<RollupCell, Figures> cells = new HashMap<>();
        if (!counted) {
            return cells;
        }
        Figures whole = new Figures(amountFen, 100);
        addAll(cells, Level.GROUP, Level.GROUP_UNIT, whole);
        addAll(cells, Level.REGION, regionId, whole);
        addAll(cells, Level.BRANCH, branchId, whole);
        Map<String, Long> shares = SalesCredit.split(salespeople, amountFen);
        for (SalesCredit credit : salespeople) {
            addAll(cells, Level.SALESPERSON, credit.salespersonId(),
                    new Figures(shares.get(credit.salespersonId()), credit.sharePercent()));
        }
        return cells;
    }

    /**
     * The day cells this sale adds to: the same units and figures on its sale date, for its segment and model, for every
     * segment and for every model (SAL-5 counts a partial month of one segment or model from them).
     */
    public Map<DayCell, Figures> dayCells() {
        Map<DayCell, Figures> cells = new HashMap<>();
        if (!counted) {
            return cells;
        }
        Figures whole = new Figures(amountFen, 100);
        addDays(cells, Level.GROUP, Level.GROUP_UNIT, whole);
        addDays(cells, Level.REGION, regionId, whole);
        addDays(cells, Level.BRANCH, branchId, whole);
        Map<String, Long> shares = SalesCredit.split(salespeople, amountFen);
        for (SalesCredit credit : salespeople) {
            addDays(cells, Level.SALESPERSON, credit.salespersonId(),
                    new Figures(shares.get(credit.salespersonId()), credit.sharePercent()));
        }
        return cells;
    }

    private void addDays(Map<DayCell, Figures> cells, Level level, String unit, Figures figures) {
        for (String seg : new String[] {segment, RollupCell.ALL}) {
            for (String mod : new String[] {model, RollupCell.ALL}) {
                cells.merge(new DayCell(level, unit, saleDate, seg, mod), figures, Figures::plus);
            }
            if (category != null) {
                cells.merge(new DayCell(level, unit, saleDate, seg, RollupCell.ALL, category), figures, Figures::plus);
            }
        }
    }

    private void addAll(Map<RollupCell, Figures> cells, Level level, String unit, Figures figures) {
        for (String seg : new String[] {segment, RollupCell.ALL}) {
            for (String mod : new String[] {model, RollupCell.ALL}) {
                cells.merge(new RollupCell(level, unit, month(), seg, mod), figures, Figures::plus);
            }
            if (category != null) {
                cells.merge(new RollupCell(level, unit, month(), seg, RollupCell.ALL, category), figures, Figures::plus);
            }
        }
    }

    /**
     * What changes in the roll-up when a sale goes from {@code before} to {@code after} (either may be {@code null}: not
     * known yet / gone): the cells of {@code after} minus those of {@code before}, without the cells that do not change.
     */
    public static Map<RollupCell, Figures> delta(SaleContribution before, SaleContribution after) {
        return difference(before == null ? Map.of() : before.cells(), after == null ? Map.of() : after.cells());
    }

    /** The same for the day cells. */
    public static Map<DayCell, Figures> dayDelta(SaleContribution before, SaleContribution after) {
        return difference(before == null ? Map.of() : before.dayCells(), after == null ? Map.of() : after.dayCells());
    }

    /** {@code after} minus {@code before}, cell by cell, without the cells that do not change. */
    public static <K> Map<K, Figures> difference(Map<K, Figures> before, Map<K, Figures> after) {
        Map<K, Figures> delta = new HashMap<>(after);
        before.forEach((cell, figures) -> delta.merge(cell, Figures.ZERO.minus(figures), Figures::plus));
        delta.values().removeIf(Figures::isZero);
        return delta;
    }
}
