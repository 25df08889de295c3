package org.dealerplatform.sales.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.bson.Document;
import org.dealerplatform.sales.SalesFixtures;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.ServiceTest;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationResults;
import org.springframework.data.mongodb.core.aggregation.DateOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.test.web.servlet.MockMvc;

/**
 * SAL-9 benchmark (not a test): the HQ question "Jiangsu, month by month, 2026 against 2025" answered by the roll-up
 * (the real HTTP endpoint, 24 indexed point reads) against the same question answered by aggregating the raw sales,
 * at {@code -Dbenchmark.sales} stored sales (default 1,000,000). Prints p50/p99 of both and the ratio.
 *
 * <p>Run: {@code mvn -o -pl sales-service test -Pbenchmark}
 */
@Tag("benchmark")
@ServiceTest
// the benchmark runs alone (-Pbenchmark), so its own context costs the normal run nothing; without the outbox relay,
// whose scan for unpublished events would otherwise sweep the million seeded sales twice a second
@org.springframework.test.context.TestPropertySource(properties = "dealer.outbox.enabled=false")
class RollupQueryBenchmarkTest {

    static final int SALES = Integer.getInteger("benchmark.sales", 1_000_000);
    static final String[][] BRANCHES = {{"JS-NJ-01", "JIANGSU"}, {"JS-SZ-01", "JIANGSU"}, {"JS-WX-01", "JIANGSU"},
            {"ZJ-HZ-01", "ZHEJIANG"}, {"ZJ-NB-01", "ZHEJIANG"}, {"ZJ-WZ-01", "ZHEJIANG"}, {"AH-HF-01", "ANHUI"},
            {"AH-WH-01", "ANHUI"}, {"AH-BB-01", "ANHUI"}};
    static final String[] MODELS = {"Passat 330TSI", "Lavida Plus", "Tiguan L", "Magotan", "ID.4 CROZZ", "Sagitar"};
    static final String[] SEGMENTS = {"INDIVIDUAL", "GROUP_COMPANY", "GOVERNMENT"};

    @Autowired
    MongoTemplate mongo;
    @Autowired
    RollupStore rollup;
    @Autowired
    MockMvc mvc;

    @Test
    void rollupVersusRawAggregation() throws Exception {
        long seedStart = System.currentTimeMillis();
        seed();
        long seedMillis = System.currentTimeMillis() - seedStart;

        // the roll-up path: the real endpoint, as HQ calls it
        Histogram rollupLatency = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 2_300; i++) {
            long t = System.nanoTime();
            mvc.perform(get("/api/hq/reports/year-over-year").header("Authorization", SalesFixtures.HQ)
                    .param("level", "REGION").param("unitId", "JIANGSU").param("year", "2026")).andExpect(status().isOk());
            if (i >= 300) {
                rollupLatency.recordValue((System.nanoTime() - t) / 1_000);
            }
        }
        Map<String, Long> fromRollup = new TreeMap<>();
        rollup.cellsOf(org.dealerplatform.sales.organisation.Level.REGION, "JIANGSU", YearMonth.of(2025, 1), YearMonth.of(2026, 12))
                .forEach((cell, f) -> {
                    if (RollupCell.ALL.equals(cell.segment()) && RollupCell.ALL.equals(cell.model())) {
                        fromRollup.put(cell.month().toString(), f.amountFen());
                    }
                });

        // the baseline: the same question aggregated from the raw sales
        Histogram rawLatency = new Histogram(600_000_000L, 3);
        Map<String, Long> fromRaw = new TreeMap<>();
        long rawStart = System.currentTimeMillis();
        for (int i = 0; i < 21 && (i < 4 || System.currentTimeMillis() - rawStart < 45_000); i++) {
            long t = System.nanoTime();
            fromRaw = rawAggregation();
            if (i >= 1) {
                rawLatency.recordValue((System.nanoTime() - t) / 1_000);
            }
        }

        double p50Rollup = rollupLatency.getValueAtPercentile(50) / 1000.0;
        double p99Rollup = rollupLatency.getValueAtPercentile(99) / 1000.0;
        double p50Raw = rawLatency.getValueAtPercentile(50) / 1000.0;
        double p99Raw = rawLatency.getValueAtPercentile(99) / 1000.0;
        System.out.printf("%n=== SAL-9 roll-up benchmark: %,d stored sales (seeded in %,d ms) ===%n", SALES, seedMillis);
        System.out.printf("question: region JIANGSU, 2026 vs 2025 month by month (24 monthly figures)%n");
        System.out.printf("roll-up (HTTP GET /api/hq/reports/year-over-year, %d calls): p50 %.2f ms  p99 %.2f ms%n",
                rollupLatency.getTotalCount(), p50Rollup, p99Rollup);
        System.out.printf("raw aggregation ($match + $group over sales, %d runs):       p50 %.2f ms  p99 %.2f ms%n",
                rawLatency.getTotalCount(), p50Raw, p99Raw);
        System.out.printf("ratio raw / roll-up: p50 %.0fx  p99 %.0fx%n", p50Raw / p50Rollup, p99Raw / p99Rollup);
        System.out.printf("same answer: %s%n", fromRaw.equals(fromRollup));
    }

    private Map<String, Long> rawAggregation() {
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("regionId").is("JIANGSU").and("status").is("ACTIVE")
                        .and("saleDate").gte(date(LocalDate.of(2025, 1, 1))).lt(date(LocalDate.of(2027, 1, 1)))),
                Aggregation.project("amountFen").and(DateOperators.DateToString.dateOf("saleDate").toString("%Y-%m")).as("month"),
                Aggregation.group("month").sum("amountFen").as("amountFen"));
        AggregationResults<Document> results = mongo.aggregate(aggregation, SaleStore.COLLECTION, Document.class);
        Map<String, Long> months = new TreeMap<>();
        for (Document d : results.getMappedResults()) {
            months.put(d.getString("_id"), ((Number) d.get("amountFen")).longValue());
        }
        return months;
    }

    /** Stores the sales in bulk, in the shape the sale store writes, and their roll-up cells as the consumer would. */
    private void seed() {
        Random random = new Random(1);
        Map<RollupCell, Figures> cells = new HashMap<>();
        List<Document> batch = new ArrayList<>(10_000);
        for (int i = 0; i < SALES; i++) {
            String[] branch = BRANCHES[random.nextInt(BRANCHES.length)];
            LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(730));
            String model = MODELS[random.nextInt(MODELS.length)];
            String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            long amount = 8_000_000L + random.nextInt(32_000_000);
            boolean cancelled = random.nextInt(50) == 0;
            List<SalesCredit> credits = random.nextInt(4) == 0
                    ? List.of(new SalesCredit(branch[0] + "-sp" + random.nextInt(8), 60), new SalesCredit(branch[0] + "-sp" + (8 + random.nextInt(8)), 40))
                    : List.of(new SalesCredit(branch[0] + "-sp" + random.nextInt(16), 100));
            List<Document> people = credits.stream()
                    .map(c -> new Document("salespersonId", c.salespersonId()).append("sharePercent", c.sharePercent())).toList();
            batch.add(new Document("_id", "bench-" + i).append("branchId", branch[0]).append("regionId", branch[1])
                    .append("customerId", "cust-" + random.nextInt(200_000)).append("salespeople", people)
                    .append("vehicle", new Document("vin", "LSVAU2180N" + String.format("%07d", i)).append("model", model)
                            .append("category", "PASSENGER_CAR"))
                    .append("segment", segment).append("amountFen", amount).append("saleDate", date(day))
                    .append("status", cancelled ? "CANCELLED" : "ACTIVE").append("recordedBy", "bench").append("version", 1L));
            new SaleContribution(branch[0], branch[1], credits, segment, model, amount, day, !cancelled).cells()
                    .forEach((cell, f) -> cells.merge(cell, f, Figures::plus));
            if (batch.size() == 10_000) {
                mongo.insert(batch, SaleStore.COLLECTION);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, SaleStore.COLLECTION);
        }
        List<Document> cellDocuments = new ArrayList<>();
        cells.forEach((cell, f) -> cellDocuments.add(RollupStore.describe(cell).append("_id", cell.id())
                .append("amountFen", f.amountFen()).append("unitHundredths", f.unitHundredths())));
        rollup.insertInChunks(cellDocuments, RollupStore.CELLS);
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
