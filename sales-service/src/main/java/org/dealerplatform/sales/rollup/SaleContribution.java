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
        return contribution((level, unit, seg, mod, cat) -> new RollupCell(level, unit, month(), seg, mod, cat));
    }

    /**
     * The day cells this sale adds to: the same units and figures on its sale date, for its segment and model, for every
     * segment and for every model (SAL-5 counts a partial month of one segment or model from them).
     */
    public Map<DayCell, Figures> dayCells() {
        return contribution((level, unit, seg, mod, cat) -> new DayCell(level, unit, saleDate, seg, mod, cat));
    }

    /** Where a unit's figures go for one segment, model and category: a month cell or a day cell. */
    @FunctionalInterface
    private interface CellOf<K> {
        K cell(Level level, String unit, String segment, String model, String category);
    }

    /** The group, the region, the branch and each credited salesperson's share, in the cells {@code cellOf} names. */
    private <K> Map<K, Figures> contribution(CellOf<K> cellOf) {
        Map<K, Figures> cells = new HashMap<>();
        if (!counted) {
            return cells;
        }
        Figures whole = new Figures(amountFen, 100);
        add(cells, cellOf, Level.GROUP, Level.GROUP_UNIT, whole);
        add(cells, cellOf, Level.REGION, regionId, whole);
        add(cells, cellOf, Level.BRANCH, branchId, whole);
        Map<String, Long> shares = SalesCredit.split(salespeople, amountFen);
        for (SalesCredit credit : salespeople) {
            add(cells, cellOf, Level.SALESPERSON, credit.salespersonId(),
                    new Figures(shares.get(credit.salespersonId()), credit.sharePercent()));
        }
        return cells;
    }

    private <K> void add(Map<K, Figures> cells, CellOf<K> cellOf, Level level, String unit, Figures figures) {
        for (String seg : new String[] {segment, RollupCell.ALL}) {
            for (String mod : new String[] {model, RollupCell.ALL}) {
                cells.merge(cellOf.cell(level, unit, seg, mod, RollupCell.ALL), figures, Figures::plus);
            }
            if (category != null) {
                cells.merge(cellOf.cell(level, unit, seg, RollupCell.ALL, category), figures, Figures::plus);
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
