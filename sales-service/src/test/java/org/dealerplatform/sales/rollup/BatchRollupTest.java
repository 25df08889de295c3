package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.sales.organisation.Level;
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
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The roll-up fed a poll's events at once (issue 10, bulk writes), driven batch by batch (no broker): the figures equal
 * a sale-by-sale recount, repeats change nothing, and a batch that crashed or failed part-way is completed exactly once.
 */
@ServiceTest
class BatchRollupTest {

    static final LocalDate DAY = LocalDate.of(2012, 6, 11);
    static final String PARTITION = "sales_sale_events-1";

    @Autowired
    SaleRollupListener listener;
    @Autowired
    RollupStore rollup;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** Batches the dispatcher had to apply again one event at a time (a failed fast path). */
    double batchesRetried() {
        io.micrometer.core.instrument.Counter retried = meters.find("dealer.events.batch.retried")
                .tag("listener", "sale-rollup").counter();
        return retried == null ? 0 : retried.count();
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String branch = "BB-" + run;
    final String region = "BR-" + run;

    static IncomingEvent event(String type, String saleId, String branch, String region, String salesperson, String model,
            long amount, LocalDate day, long version, int partition, long offset) {
        String payload = """
                {"saleId":"%s","branchId":"%s","regionId":"%s","customerId":"c-1",
                 "salespeople":[{"salespersonId":"%s","sharePercent":100}],
                 "vehicle":{"vin":"1HGCM82633A004352","model":"%s","category":"PASSENGER_CAR","plate":null},
                 "segment":"INDIVIDUAL","amountFen":%d,"saleDate":"%s","recordedAt":"2012-06-11T02:00:00Z"}"""
                .formatted(saleId, branch, region, salesperson, model, amount, day);
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/sales-service", saleId, Instant.now(), version,
                "corr", null, branch, null, payload.getBytes(StandardCharsets.UTF_8), "sales.sale.events", partition, offset);
    }

    IncomingEvent recorded(String saleId, String salesperson, long amount, long offset) {
        return event("dealer.sales.SaleRecorded.v1", saleId, branch, region, salesperson, "Passat 330TSI", amount, DAY, 1, 1,
                offset);
    }

    IncomingEvent corrected(String saleId, String salesperson, String model, long amount, LocalDate day, long version,
            long offset) {
        return event("dealer.sales.SaleCorrected.v1", saleId, branch, region, salesperson, model, amount, day, version, 1,
                offset);
    }

    IncomingEvent cancelled(String saleId, long version, long offset) {
        String payload = """
                {"saleId":"%s","branchId":"%s","regionId":"%s","customerId":"c-1","amountFen":1,"saleDate":"%s",
                 "reason":"test","cancelledAt":"2012-06-12T02:00:00Z"}""".formatted(saleId, branch, region, DAY);
        return new IncomingEvent(UUID.randomUUID().toString(), "dealer.sales.SaleCancelled.v1", "/sales-service", saleId,
                Instant.now(), version, "corr", null, branch, null, payload.getBytes(StandardCharsets.UTF_8),
                "sales.sale.events", 1, offset);
    }

    SaleContribution contribution(String salesperson, String model, long amount, LocalDate day) {
        return new SaleContribution(branch, region, List.of(new SalesCredit(salesperson, 100)), "INDIVIDUAL", model,
                "PASSENGER_CAR", amount, day, true);
    }

    /** The naive recount of the given sales' final states, without the group cells (other tests' days share them). */
    static Map<RollupCell, Figures> months(List<SaleContribution> sales) {
        Map<RollupCell, Figures> cells = new HashMap<>();
        sales.forEach(s -> s.cells().forEach((c, f) -> cells.merge(c, f, Figures::plus)));
        cells.keySet().removeIf(c -> c.level() == Level.GROUP);
        return cells;
    }

    static Map<DayCell, Figures> days(List<SaleContribution> sales) {
        Map<DayCell, Figures> cells = new HashMap<>();
        sales.forEach(s -> s.dayCells().forEach((c, f) -> cells.merge(c, f, Figures::plus)));
        cells.keySet().removeIf(c -> c.level() == Level.GROUP);
        return cells;
    }

    /** Every cell the sales ever touched: those of the final states must hold them, the others nothing. */
    void assertRecount(List<SaleContribution> touched, List<SaleContribution> counted) {
        Map<RollupCell, Figures> expected = new HashMap<>();
        months(touched).keySet().forEach(c -> expected.put(c, Figures.ZERO));
        expected.putAll(months(counted));
        Map<DayCell, Figures> expectedDays = new HashMap<>();
        days(touched).keySet().forEach(c -> expectedDays.put(c, Figures.ZERO));
        expectedDays.putAll(days(counted));
        assertThat(rollup.read(expected.keySet())).isEqualTo(expected);
        assertThat(rollup.readDays(expectedDays.keySet())).isEqualTo(expectedDays);
    }

    Figures group() {
        return rollup.read(List.of(RollupCell.total(Level.GROUP, Level.GROUP_UNIT, YearMonth.from(DAY)))).values()
                .iterator().next();
    }

    @Test
    @DisplayName("SAL-9 SAL-11 a batch with a sale recorded and corrected, one recorded and cancelled, a republished copy and an older version equals a sale-by-sale recount; the same batch redelivered changes nothing")
    void batchEqualsRecount() {
        String spA = "spA-" + run;
        String spB = "spB-" + run;
        Figures groupBefore = group();
        double retriedBefore = batchesRetried();
        List<IncomingEvent> batch = List.of(
                recorded("s1-" + run, spA, 1_000, 10),
                recorded("s2-" + run, spB, 2_000, 11),
                recorded("s3-" + run, spA, 3_000, 12),
                // s1 corrected in the same poll: other salesperson, model and day (a month away)
                corrected("s1-" + run, spB, "Tiguan L", 1_500, DAY.plusMonths(1), 2, 13),
                cancelled("s3-" + run, 2, 14),
                // the relay's copy of s2 at a later offset, and s1's version 1 again
                recorded("s2-" + run, spB, 2_000, 15),
                recorded("s1-" + run, spA, 1_000, 16),
                recorded("s4-" + run, spA, 4_000, 17));
        listener.applyAll(batch);
        assertThat(batchesRetried()).as("the batch took the bulk path, not the one-by-one retry").isEqualTo(retriedBefore);

        List<SaleContribution> touched = List.of(contribution(spA, "Passat 330TSI", 1_000, DAY),
                contribution(spB, "Tiguan L", 1_500, DAY.plusMonths(1)), contribution(spB, "Passat 330TSI", 2_000, DAY),
                contribution(spA, "Passat 330TSI", 3_000, DAY), contribution(spA, "Passat 330TSI", 4_000, DAY));
        List<SaleContribution> counted = List.of(contribution(spB, "Tiguan L", 1_500, DAY.plusMonths(1)),
                contribution(spB, "Passat 330TSI", 2_000, DAY), contribution(spA, "Passat 330TSI", 4_000, DAY));
        assertRecount(touched, counted);
        assertThat(group().minus(groupBefore)).isEqualTo(new Figures(6_000, 200));
        assertThat(rollup.appliedAll(List.of("s1-" + run, "s2-" + run, "s3-" + run, "s4-" + run)).values())
                .hasSize(4).allMatch(AppliedSale::complete);
        assertThat(rollup.applied("s1-" + run)).get().extracting(AppliedSale::version).isEqualTo(2L);

        // Kafka redelivers the whole poll (the offsets were not committed): nothing changes
        listener.applyAll(batch);
        assertRecount(touched, counted);
        assertThat(group().minus(groupBefore)).isEqualTo(new Figures(6_000, 200));

        // a later poll corrects s4 and cancels s2, with a late copy of s1's correction
        listener.applyAll(List.of(corrected("s4-" + run, spB, "Passat 330TSI", 4_400, DAY, 2, 18), cancelled("s2-" + run, 2, 19),
                corrected("s1-" + run, spB, "Tiguan L", 1_500, DAY.plusMonths(1), 2, 20)));
        List<SaleContribution> touchedLater = new ArrayList<>(touched);
        touchedLater.add(contribution(spB, "Passat 330TSI", 4_400, DAY));
        assertRecount(touchedLater, List.of(contribution(spB, "Tiguan L", 1_500, DAY.plusMonths(1)),
                contribution(spB, "Passat 330TSI", 4_400, DAY)));
        // s1 now counts in the next month: the month of DAY holds s4 alone
        assertThat(group().minus(groupBefore)).isEqualTo(new Figures(4_400, 100));
    }

    @Test
    @DisplayName("SAL-9 a batch that crashed after its claims and its month cells, before its day cells, is finished by its redelivery, each cell exactly once")
    void crashBetweenTheBulks() {
        String sp = "spC-" + run;
        List<SaleContribution> sales = List.of(contribution(sp, "Passat 330TSI", 1_000, DAY),
                contribution(sp, "Magotan", 2_000, DAY), contribution(sp, "Passat 330TSI", 3_000, DAY.plusDays(1)));
        // what the batch had written when the consumer died: every claim (pending) and the month bulk
        List<RollupStore.Claim> claims = new ArrayList<>();
        List<RollupStore.ClaimedDelta> months = new ArrayList<>();
        for (int i = 0; i < sales.size(); i++) {
            SaleContribution sale = sales.get(i);
            claims.add(new RollupStore.Claim(new AppliedSale("c" + i + "-" + run, 1, PARTITION, 30 + i, sale, null,
                    RollupStore.cellIds(sale.cells(), sale.dayCells())), null));
            months.add(new RollupStore.ClaimedDelta(sale.cells(), Map.of(), PARTITION, 30 + i));
        }
        rollup.claimAll(claims);
        rollup.addAll(months);
        Figures groupBefore = group();

        // Kafka redelivers the poll: the claims RESUME, the month cells (done) stay, the day cells catch up
        List<IncomingEvent> batch = List.of(
                event("dealer.sales.SaleRecorded.v1", "c0-" + run, branch, region, sp, "Passat 330TSI", 1_000, DAY, 1, 1, 30),
                event("dealer.sales.SaleRecorded.v1", "c1-" + run, branch, region, sp, "Magotan", 2_000, DAY, 1, 1, 31),
                event("dealer.sales.SaleRecorded.v1", "c2-" + run, branch, region, sp, "Passat 330TSI", 3_000,
                        DAY.plusDays(1), 1, 1, 32));
        listener.applyAll(batch);
        assertRecount(sales, sales);
        assertThat(group()).isEqualTo(groupBefore);
        assertThat(rollup.appliedAll(List.of("c0-" + run, "c1-" + run, "c2-" + run)).values()).hasSize(3)
                .allMatch(AppliedSale::complete);

        // and once more, and the relay's copies at later offsets: nothing changes
        listener.applyAll(batch);
        listener.applyAll(List.of(
                event("dealer.sales.SaleRecorded.v1", "c0-" + run, branch, region, sp, "Passat 330TSI", 1_000, DAY, 1, 1, 60),
                event("dealer.sales.SaleRecorded.v1", "c1-" + run, branch, region, sp, "Magotan", 2_000, DAY, 1, 1, 61)));
        assertRecount(sales, sales);
        assertThat(group()).isEqualTo(groupBefore);
    }

    @Test
    @DisplayName("SAL-9 REL-1 a redelivered poll with crashed claims amid new sales: the new sales before and after them go in bulk, the claims resume, each cell exactly once")
    void crashedClaimsAmidNewSales() {
        String sp = "spM-" + run;
        // the crashed batch: two claims pending, neither's cells written
        SaleContribution crashedA = contribution(sp, "Magotan", 2_000, DAY);
        SaleContribution crashedB = contribution(sp, "Passat 330TSI", 3_000, DAY.plusDays(1));
        rollup.claimAll(List.of(
                new RollupStore.Claim(new AppliedSale("mA-" + run, 1, PARTITION, 42, crashedA, null,
                        RollupStore.cellIds(crashedA.cells(), crashedA.dayCells())), null),
                new RollupStore.Claim(new AppliedSale("mB-" + run, 1, PARTITION, 44, crashedB, null,
                        RollupStore.cellIds(crashedB.cells(), crashedB.dayCells())), null)));
        Figures groupBefore = group();

        // the redelivered poll: new sales before, between and after the two claims, one of them corrected at once
        List<IncomingEvent> batch = List.of(
                event("dealer.sales.SaleRecorded.v1", "m1-" + run, branch, region, sp, "Passat 330TSI", 100, DAY, 1, 1, 40),
                event("dealer.sales.SaleRecorded.v1", "m2-" + run, branch, region, sp, "Magotan", 200, DAY, 1, 1, 41),
                event("dealer.sales.SaleRecorded.v1", "mA-" + run, branch, region, sp, "Magotan", 2_000, DAY, 1, 1, 42),
                event("dealer.sales.SaleRecorded.v1", "m3-" + run, branch, region, sp, "Magotan", 300, DAY, 1, 1, 43),
                event("dealer.sales.SaleRecorded.v1", "mB-" + run, branch, region, sp, "Passat 330TSI", 3_000,
                        DAY.plusDays(1), 1, 1, 44),
                event("dealer.sales.SaleRecorded.v1", "m4-" + run, branch, region, sp, "Passat 330TSI", 400, DAY, 1, 1, 45),
                corrected("m1-" + run, sp, "Magotan", 150, DAY, 2, 46));
        double retriedBefore = batchesRetried();
        listener.applyAll(batch);

        List<SaleContribution> finals = List.of(contribution(sp, "Magotan", 150, DAY), contribution(sp, "Magotan", 200, DAY),
                crashedA, contribution(sp, "Magotan", 300, DAY), crashedB, contribution(sp, "Passat 330TSI", 400, DAY));
        List<SaleContribution> touched = new ArrayList<>(finals);
        touched.add(contribution(sp, "Passat 330TSI", 100, DAY));
        assertRecount(touched, finals);
        assertThat(group().amountFen() - groupBefore.amountFen()).isEqualTo(150 + 200 + 2_000 + 300 + 3_000 + 400);
        assertThat(batchesRetried()).as("no failure: the dispatcher never had to go event by event").isEqualTo(retriedBefore);
        assertThat(rollup.appliedAll(List.of("m1-" + run, "m2-" + run, "mA-" + run, "m3-" + run, "mB-" + run, "m4-" + run))
                .values()).hasSize(6).allMatch(AppliedSale::complete);

        // the same poll again changes nothing
        listener.applyAll(batch);
        assertRecount(touched, finals);
        assertThat(group().amountFen() - groupBefore.amountFen()).isEqualTo(150 + 200 + 2_000 + 300 + 3_000 + 400);
    }

    @Test
    @DisplayName("REL-2 REL-1 a batch failing on one sale's cell names that record: the sales before it are applied, the one after it on redelivery, and its replay at a new offset completes exactly its missing cells")
    void failureNamesTheSale() {
        String spA = "spA-" + run;
        String spB = "spB-" + run;
        // a cell of sale f1 holds a value no increment can take
        String broken = RollupCell.total(Level.SALESPERSON, spB, YearMonth.from(DAY)).id();
        mongo.upsert(Query.query(Criteria.where("_id").is(broken)), new Update().set("amountFen", "broken"), RollupStore.CELLS);
        List<IncomingEvent> batch = List.of(recorded("f0-" + run, spA, 1_000, 40), recorded("f1-" + run, spB, 2_000, 41),
                recorded("f2-" + run, spA, 3_000, 42));

        assertThatThrownBy(() -> listener.applyAll(batch))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
        // the error handler commits f0, dead-letters f1 and redelivers f2
        listener.applyAll(List.of(batch.get(2)));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(broken)), new Update().set("amountFen", 0L), RollupStore.CELLS);
        // HQ replays the dead letter: it lands at a new offset
        listener.applyAll(List.of(recorded("f1-" + run, spB, 2_000, 900)));

        List<SaleContribution> sales = List.of(contribution(spA, "Passat 330TSI", 1_000, DAY),
                contribution(spB, "Passat 330TSI", 2_000, DAY), contribution(spA, "Passat 330TSI", 3_000, DAY));
        assertRecount(sales, sales);
        assertThat(rollup.appliedAll(List.of("f0-" + run, "f1-" + run, "f2-" + run)).values()).hasSize(3)
                .allMatch(AppliedSale::complete);
    }
}
