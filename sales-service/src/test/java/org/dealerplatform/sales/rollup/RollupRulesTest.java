package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.sale.SalesCredit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RollupRulesTest {

    static final YearMonth NOV = YearMonth.of(2026, 11);

    static SaleContribution shared(long amount, String model, YearMonth month) {
        return new SaleContribution("JS-NJ-01", "JIANGSU", List.of(new SalesCredit("sp-li", 60), new SalesCredit("sp-zhao", 40)),
                "INDIVIDUAL", model, amount, month.atDay(20), true);
    }

    @Test
    @DisplayName("SAL-9 SAL-11 a sale counts once for group, region and branch and by share for each salesperson, per segment × model incl. 'all'")
    void cellsOfASale() {
        Map<RollupCell, Figures> cells = shared(25_980_000, "Passat", NOV).cells();
        assertThat(cells).hasSize(5 * 4);
        assertThat(cells.get(RollupCell.total(Level.GROUP, "GROUP", NOV))).isEqualTo(new Figures(25_980_000, 100));
        assertThat(cells.get(RollupCell.total(Level.REGION, "JIANGSU", NOV))).isEqualTo(new Figures(25_980_000, 100));
        assertThat(cells.get(new RollupCell(Level.BRANCH, "JS-NJ-01", NOV, "INDIVIDUAL", "Passat"))).isEqualTo(new Figures(25_980_000, 100));
        assertThat(cells.get(RollupCell.total(Level.SALESPERSON, "sp-li", NOV))).isEqualTo(new Figures(15_588_000, 60));
        assertThat(cells.get(RollupCell.total(Level.SALESPERSON, "sp-zhao", NOV))).isEqualTo(new Figures(10_392_000, 40));
        assertThat(shared(1, "Passat", NOV).cancelled().cells()).isEmpty();
        Map<DayCell, Figures> days = shared(25_980_000, "Passat", NOV).dayCells();
        assertThat(days).as("5 units x (its segment, all) x (its model, all), SAL-5 partial months per segment and model").hasSize(5 * 4);
        assertThat(days.get(new DayCell(Level.BRANCH, "JS-NJ-01", NOV.atDay(20), "INDIVIDUAL", "Passat"))).isEqualTo(new Figures(25_980_000, 100));
        assertThat(days.get(new DayCell(Level.SALESPERSON, "sp-li", NOV.atDay(20)))).isEqualTo(new Figures(15_588_000, 60));
        assertThat(days.get(new DayCell(Level.GROUP, "GROUP", NOV.atDay(20)))).isEqualTo(new Figures(25_980_000, 100));
    }

    static SaleContribution ofCategory(long amount, String model, String category) {
        return new SaleContribution("JS-NJ-01", "JIANGSU", List.of(new SalesCredit("sp-li", 100)), "GOVERNMENT", model,
                category, amount, NOV.atDay(20), true);
    }

    @Test
    @DisplayName("CUS-4 a sale also counts in the all-models cells of its vehicle category, per segment and in total; month and day cells alike")
    void categoryCells() {
        Map<RollupCell, Figures> cells = ofCategory(500_000, "Sinotruk sprinkler 12t", "SPRINKLER").cells();
        assertThat(cells).as("4 units x (its segment, all) x ((its model, all), (all, its category))").hasSize(4 * 6);
        RollupCell sprinklers = new RollupCell(Level.REGION, "JIANGSU", NOV, RollupCell.ALL, RollupCell.ALL, "SPRINKLER");
        assertThat(cells.get(sprinklers)).isEqualTo(new Figures(500_000, 100));
        assertThat(sprinklers.id()).isEqualTo("REGION|JIANGSU|2026-11|*|*|SPRINKLER");
        assertThat(cells.get(new RollupCell(Level.BRANCH, "JS-NJ-01", NOV, "GOVERNMENT", RollupCell.ALL, "SPRINKLER")))
                .isEqualTo(new Figures(500_000, 100));
        assertThat(RollupCell.total(Level.REGION, "JIANGSU", NOV).id()).as("cells of every category keep their id")
                .isEqualTo("REGION|JIANGSU|2026-11|*|*");
        Map<DayCell, Figures> days = ofCategory(500_000, "Sinotruk sprinkler 12t", "SPRINKLER").dayCells();
        assertThat(days).hasSize(4 * 6);
        assertThat(days.get(new DayCell(Level.GROUP, "GROUP", NOV.atDay(20), RollupCell.ALL, RollupCell.ALL, "SPRINKLER")))
                .isEqualTo(new Figures(500_000, 100));

        Map<RollupCell, Figures> corrected = SaleContribution.delta(ofCategory(500_000, "Sinotruk sprinkler 12t", "SPRINKLER"),
                ofCategory(500_000, "Dongfeng tank car 8t", "TANK_CAR"));
        assertThat(corrected.get(sprinklers)).isEqualTo(new Figures(-500_000, -100));
        assertThat(corrected.get(new RollupCell(Level.REGION, "JIANGSU", NOV, RollupCell.ALL, RollupCell.ALL, "TANK_CAR")))
                .isEqualTo(new Figures(500_000, 100));
        assertThat(corrected.get(RollupCell.total(Level.REGION, "JIANGSU", NOV))).as("the total does not move").isNull();
    }

    @Test
    @DisplayName("SAL-9 a correction moves figures between cells; a cancellation takes the whole sale out again")
    void deltas() {
        SaleContribution before = shared(1_000, "Passat", NOV);
        SaleContribution after = shared(900, "Tiguan", NOV.plusMonths(1));
        Map<RollupCell, Figures> delta = SaleContribution.delta(before, after);
        assertThat(delta.get(RollupCell.total(Level.GROUP, "GROUP", NOV))).isEqualTo(new Figures(-1_000, -100));
        assertThat(delta.get(RollupCell.total(Level.GROUP, "GROUP", NOV.plusMonths(1)))).isEqualTo(new Figures(900, 100));
        assertThat(SaleContribution.delta(before, shared(1_200, "Passat", NOV)).get(RollupCell.total(Level.BRANCH, "JS-NJ-01", NOV)))
                .isEqualTo(new Figures(200, 0));
        assertThat(SaleContribution.delta(before, before)).isEmpty();
        Map<RollupCell, Figures> cancel = SaleContribution.delta(before, before.cancelled());
        assertThat(cancel).hasSize(20).allSatisfy((cell, f) -> assertThat(f.amountFen()).isNegative());
    }

    @Test
    @DisplayName("SAL-9 an event applies once: a newer version applies, the same record resumes, the same version from another record (relay duplicate) and older versions are ignored")
    void applyDecisions() {
        AppliedSale applied = new AppliedSale("s-1", 2, "sales_sale_events-1", 40, null, null);
        assertThat(AppliedSale.decide(null, 1, "sales_sale_events-1", 7)).isEqualTo(AppliedSale.Decision.APPLY);
        assertThat(AppliedSale.decide(applied, 3, "sales_sale_events-1", 41)).isEqualTo(AppliedSale.Decision.APPLY);
        assertThat(AppliedSale.decide(applied, 2, "sales_sale_events-1", 40)).isEqualTo(AppliedSale.Decision.RESUME);
        assertThat(AppliedSale.decide(applied, 2, "sales_sale_events-1", 55)).isEqualTo(AppliedSale.Decision.DUPLICATE);
        assertThat(AppliedSale.decide(applied, 1, "sales_sale_events-1", 60)).isEqualTo(AppliedSale.Decision.STALE);
        // REL-2: a claim still naming pending cells is completed by a record at another offset
        AppliedSale halfDone = new AppliedSale("s-1", 2, "sales_sale_events-1", 40, null, null, java.util.Set.of("m:x"));
        assertThat(AppliedSale.decide(halfDone, 2, "sales_sale_events-1", 55)).isEqualTo(AppliedSale.Decision.COMPLETE);
        assertThat(AppliedSale.decide(halfDone, 2, "sales_sale_events-1", 40)).isEqualTo(AppliedSale.Decision.RESUME);
        AppliedSale rebuilt = new AppliedSale("s-1", 2, "rebuild", -1, null, null);
        assertThat(AppliedSale.decide(rebuilt, 2, "sales_sale_events-1", 40)).isEqualTo(AppliedSale.Decision.DUPLICATE);
    }
}
