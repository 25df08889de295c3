package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.application.SaleRollup;
import org.dealerplatform.sales.rollup.messaging.SaleRollupListener;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issue 10: a breakdown reads a unit's month cells by {@code _id} through the unit-and-month listing, never by a scan
 * of every cell; it finds exactly the cells the unit-and-month query finds.
 */
@ServiceTest
class UnitMonthListingTest {

    static final LocalDate DAY = LocalDate.of(2013, 3, 12);

    @Autowired
    SaleRollupListener listener;
    @Autowired
    SaleRollup saleRollup;
    @Autowired
    RollupStore rollup;
    @Autowired
    MongoTemplate mongo;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String branch = "LB-" + run;
    final String region = "LR-" + run;

    /** The cells of a unit by the unit-and-month query (a scan on the embedded server): what the listing must match. */
    Map<String, Long> scanned(Level level, String unitId, YearMonth from, YearMonth to) {
        Map<String, Long> cells = new LinkedHashMap<>();
        mongo.find(Query.query(Criteria.where("level").is(level.name()).and("unitId").is(unitId).and("month")
                .gte(from.toString()).lte(to.toString())), Document.class, RollupStore.CELLS)
                .forEach(d -> cells.put(d.getString("_id"), ((Number) d.get("amountFen")).longValue()));
        return cells;
    }

    Map<String, Long> listed(Level level, String unitId, YearMonth from, YearMonth to) {
        Map<String, Long> cells = new LinkedHashMap<>();
        rollup.cellsOf(level, unitId, from, to).forEach((cell, f) -> cells.put(cell.id(), f.amountFen()));
        return cells;
    }

    @Test
    @DisplayName("issue 10 the cells written per event and per batch are listed under their unit and month: a breakdown reads the same cells as the unit-and-month query; a listed id without a cell is no cell")
    void listedCellsAreTheUnitsCells() {
        YearMonth march = YearMonth.from(DAY);
        YearMonth april = march.plusMonths(1);
        // one sale through the per-event path, three in a batch (another model, another month, a cancelled one)
        saleRollup.apply("ls1-" + run, new SaleContribution(branch, region, List.of(new SalesCredit("lsp-" + run, 100)),
                "INDIVIDUAL", "Passat 330TSI", "PASSENGER_CAR", 1_000, DAY, true),
                false, BatchRollupTest.event("dealer.sales.SaleRecorded.v1", "ls1-" + run, branch, region, "lsp-" + run,
                        "Passat 330TSI", 1_000, DAY, 1, 2, 5));
        listener.applyAll(List.of(
                BatchRollupTest.event("dealer.sales.SaleRecorded.v1", "ls2-" + run, branch, region, "lsp-" + run,
                        "Tiguan L", 2_000, DAY, 1, 2, 6),
                BatchRollupTest.event("dealer.sales.SaleRecorded.v1", "ls3-" + run, branch, region, "lsp-" + run,
                        "Lavida Plus", 3_000, DAY.plusMonths(1), 1, 2, 7)));

        Map<String, Long> marchCells = scanned(Level.BRANCH, branch, march, march);
        assertThat(marchCells).as("Passat, Tiguan and all models by its segment and all segments, and their category by both").hasSize(8);
        assertThat(listed(Level.BRANCH, branch, march, march)).isEqualTo(marchCells);
        assertThat(listed(Level.BRANCH, branch, march, april)).isEqualTo(scanned(Level.BRANCH, branch, march, april))
                .containsKey("BRANCH|" + branch + "|" + april + "|*|Lavida Plus");
        assertThat(listed(Level.REGION, region, march, april)).isEqualTo(scanned(Level.REGION, region, march, april))
                .hasSize(scanned(Level.BRANCH, branch, march, april).size());
        assertThat(listed(Level.SALESPERSON, "lsp-" + run, march, april))
                .isEqualTo(scanned(Level.SALESPERSON, "lsp-" + run, march, april)).isNotEmpty();
        assertThat(listed(Level.BRANCH, branch, march.minusMonths(1), march.minusMonths(1))).isEmpty();

        // an id announced whose cell was never written (a crash between the two) is no cell
        mongo.upsert(Query.query(Criteria.where("_id").is("BRANCH|" + branch + "|" + march)),
                new Update().addToSet("ids", "BRANCH|" + branch + "|" + march + "|*|Magotan"), RollupStore.CELLS_BY_UNIT_MONTH);
        assertThat(listed(Level.BRANCH, branch, march, march)).isEqualTo(marchCells);
    }

    @Test
    @DisplayName("issue 10 the cells of a database from before the listing are listed once, by a scan, when the store starts")
    void cellsFromBeforeTheListingAreListedOnce() {
        YearMonth month = YearMonth.of(2013, 9);
        String unit = "legacy-" + run;
        RollupCell total = RollupCell.total(Level.BRANCH, unit, month);
        RollupCell model = new RollupCell(Level.BRANCH, unit, month, RollupCell.ALL, "Sagitar");
        // written as an older version of the service did: the cells only, no listing
        mongo.insert(List.of(RollupStore.describe(total).append("_id", total.id()).append("amountFen", 700L).append("unitHundredths", 100L),
                RollupStore.describe(model).append("_id", model.id()).append("amountFen", 700L).append("unitHundredths", 100L)),
                RollupStore.CELLS);
        assertThat(rollup.cellsOf(Level.BRANCH, unit, month, month)).as("not listed yet").isEmpty();

        mongo.remove(Query.query(Criteria.where("_id").is("#built")), RollupStore.CELLS_BY_UNIT_MONTH);
        new RollupStore(mongo); // the service starting on that database
        assertThat(rollup.cellsOf(Level.BRANCH, unit, month, month))
                .containsOnlyKeys(total, model).containsEntry(total, new Figures(700, 100));
        assertThat(mongo.findById("#built", Document.class, RollupStore.CELLS_BY_UNIT_MONTH)).as("marked built").isNotNull();
    }
}
