package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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

/** The consumer's repeat handling, driven record by record (no broker), including a crash in the middle of a record. */
@ServiceTest
class RedeliveryTest {

    static final LocalDate DAY = LocalDate.of(2018, 5, 20);

    @Autowired
    SaleRollupListener listener;
    @Autowired
    RollupStore rollup;

    static IncomingEvent recorded(String saleId, String salesperson, long version, int partition, long offset) {
        String payload = """
                {"saleId":"%s","branchId":"JS-NJ-01","regionId":"JIANGSU","customerId":"c-1",
                 "salespeople":[{"salespersonId":"%s","sharePercent":100}],
                 "vehicle":{"vin":"1HGCM82633A004352","model":"Passat 330TSI","category":"PASSENGER_CAR","plate":null},
                 "segment":"INDIVIDUAL","amountFen":1000,"saleDate":"%s","recordedAt":"2018-05-20T02:00:00Z"}"""
                .formatted(saleId, salesperson, DAY);
        return new IncomingEvent(UUID.randomUUID().toString(), "dealer.sales.SaleRecorded.v1", "/sales-service", saleId,
                Instant.now(), version, "corr", null, "JS-NJ-01", null, payload.getBytes(StandardCharsets.UTF_8),
                "sales.sale.events", partition, offset);
    }

    Figures salesperson(String id) {
        return rollup.read(List.of(RollupCell.total(Level.SALESPERSON, id, java.time.YearMonth.from(DAY)))).values().iterator().next();
    }

    @Test
    @DisplayName("SAL-9 a record claimed but only half applied before a crash is finished by its redelivery, each cell exactly once")
    void crashInTheMiddleOfARecord() {
        String sale = UUID.randomUUID().toString();
        String sp = "sp-" + sale.substring(0, 8);
        SaleContribution contribution = new SaleContribution("JS-NJ-01", "JIANGSU", List.of(new SalesCredit(sp, 100)),
                "INDIVIDUAL", "Passat 330TSI", 1000, DAY, true);
        // the consumer claimed version 1 via offset 900 of partition 2, reached half the cells, then died
        assertThat(rollup.recordApplied(new AppliedSale(sale, 1, "sales_sale_events-2", 900, contribution, null), null)).isTrue();
        Map<RollupCell, Figures> half = new HashMap<>();
        contribution.cells().entrySet().stream().filter(e -> e.getKey().level() == Level.SALESPERSON)
                .forEach(e -> half.put(e.getKey(), e.getValue()));
        rollup.addDelta(half, Map.of(), "sales_sale_events-2", 900);
        Figures groupBefore = rollup.read(List.of(RollupCell.total(Level.GROUP, "GROUP", java.time.YearMonth.from(DAY))))
                .values().iterator().next();

        // Kafka redelivers the same record: it resumes, the salesperson cells (already done) stay, the rest catch up
        listener.apply(recorded(sale, sp, 1, 2, 900));
        assertThat(salesperson(sp)).isEqualTo(new Figures(1000, 100));
        Figures groupAfter = rollup.read(List.of(RollupCell.total(Level.GROUP, "GROUP", java.time.YearMonth.from(DAY))))
                .values().iterator().next();
        assertThat(groupAfter.minus(groupBefore)).isEqualTo(new Figures(1000, 100));
        assertThat(rollup.readDays(List.of(new DayCell(Level.SALESPERSON, sp, DAY))).values()).containsExactly(new Figures(1000, 100));

        // and again (a second redelivery), and the relay's copy at a later offset: nothing changes
        listener.apply(recorded(sale, sp, 1, 2, 900));
        listener.apply(recorded(sale, sp, 1, 2, 1_700));
        assertThat(salesperson(sp)).isEqualTo(new Figures(1000, 100));
        assertThat(rollup.read(List.of(RollupCell.total(Level.GROUP, "GROUP", java.time.YearMonth.from(DAY))))
                .values().iterator().next()).isEqualTo(groupAfter);
    }

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    static IncomingEvent sale(String saleId, String branch, String region, String salesperson, LocalDate day, long amount,
            int partition, long offset) {
        String payload = """
                {"saleId":"%s","branchId":"%s","regionId":"%s","customerId":"c-1",
                 "salespeople":[{"salespersonId":"%s","sharePercent":100}],
                 "vehicle":{"vin":"1HGCM82633A004352","model":"Passat 330TSI","category":"PASSENGER_CAR","plate":null},
                 "segment":"INDIVIDUAL","amountFen":%d,"saleDate":"%s","recordedAt":"2011-03-07T02:00:00Z"}"""
                .formatted(saleId, branch, region, salesperson, amount, day);
        return new IncomingEvent(UUID.randomUUID().toString(), "dealer.sales.SaleRecorded.v1", "/sales-service", saleId,
                Instant.now(), 1, "corr", null, branch, null, payload.getBytes(StandardCharsets.UTF_8),
                "sales.sale.events", partition, offset);
    }

    @Test
    @DisplayName("REL-2 a half-applied sale dead-lettered, then replayed at a NEW offset after later records, completes exactly its missing cells")
    void halfAppliedSaleReplayedAtANewOffset() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.of(2011, 3, 7);
        String branch = "R2-" + run;
        String region = "R2R-" + run;
        String spA = "spA-" + run;
        String spB = "spB-" + run;
        // a cell of sale A holds a value no increment can take: A's first attempt fails after its other cells
        String broken = RollupCell.total(Level.SALESPERSON, spA, java.time.YearMonth.from(day)).id();
        mongo.upsert(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(broken)),
                new org.springframework.data.mongodb.core.query.Update().set("amountFen", "broken"), RollupStore.CELLS);
        String saleA = "A-" + run;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> listener.apply(sale(saleA, branch, region, spA, day, 1000, 2, 100)))
                .as("the first application fails part-way (it goes to the dead-letter topic)").isInstanceOf(RuntimeException.class);
        // the partition moves on: later sales of the same branch raise the cells' offset marks past A's record
        Map<RollupCell, Figures> naive = new HashMap<>();
        Map<DayCell, Figures> naiveDays = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            listener.apply(sale("B" + i + "-" + run, branch, region, spB, day, 500, 2, 101 + i));
            add(naive, naiveDays, new SaleContribution(branch, region, List.of(new SalesCredit(spB, 100)), "INDIVIDUAL",
                    "Passat 330TSI", "PASSENGER_CAR", 500, day, true));
        }
        // someone repairs the cell, then HQ replays the dead letter: it lands at a new offset
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(broken)),
                new org.springframework.data.mongodb.core.query.Update().set("amountFen", 0L), RollupStore.CELLS);
        listener.apply(sale(saleA, branch, region, spA, day, 1000, 2, 900));
        add(naive, naiveDays, new SaleContribution(branch, region, List.of(new SalesCredit(spA, 100)), "INDIVIDUAL",
                "Passat 330TSI", "PASSENGER_CAR", 1000, day, true));

        // a naive recount of the six sales equals every cell they touch (the group cells hold other tests' days too)
        naive.keySet().removeIf(c -> c.level() == Level.GROUP);
        naiveDays.keySet().removeIf(c -> c.level() == Level.GROUP);
        assertThat(rollup.read(naive.keySet())).isEqualTo(naive);
        assertThat(rollup.readDays(naiveDays.keySet())).isEqualTo(naiveDays);
        assertThat(rollup.applied(saleA)).get().matches(AppliedSale::complete, "complete");

        // Kafka redelivers the replay's own record (the consumer died before committing it), then a second replay
        // arrives later still: the claim is complete, neither changes a cell
        listener.apply(sale(saleA, branch, region, spA, day, 1000, 2, 900));
        listener.apply(sale(saleA, branch, region, spA, day, 1000, 2, 950));
        assertThat(rollup.read(naive.keySet())).isEqualTo(naive);
        assertThat(rollup.readDays(naiveDays.keySet())).isEqualTo(naiveDays);
    }

    private static void add(Map<RollupCell, Figures> cells, Map<DayCell, Figures> days, SaleContribution sale) {
        sale.cells().forEach((c, f) -> cells.merge(c, f, Figures::plus));
        sale.dayCells().forEach((c, f) -> days.merge(c, f, Figures::plus));
    }
}
