package org.dealerplatform.sales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.sales.SalesFixtures;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.rollup.DayCell;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * SAL-9 / issue 10 benchmark (not a test): the questions HQ asks (year-over-year, target attainment, market share,
 * branch comparison), each through its real HTTP endpoint (MockMvc), answered from the roll-up, at two sizes in one
 * run: {@code -Dbenchmark.baseline} sales (default a tenth of the large size) and {@code -Dbenchmark.sales} sales
 * (default 1,000,000). The large/small ratio per question is the flat-cost check.
 *
 * <p>The roll-up of each size is seeded exactly as that many sales leave it: the sales are generated, each sale's
 * month and day cells computed by {@link SaleContribution#cells()} / {@link SaleContribution#dayCells()} (the rules
 * the consumer applies) and summed in memory, and the summed cells bulk-inserted. The raw sales themselves are stored
 * only for a size up to {@code -Dbenchmark.rawSales} (default 1,000,000: 10 M raw sales do not fit the in-memory
 * embedded database); at that size the year-over-year question is also answered by aggregating the raw sales, the
 * other baseline. The per-sale records of the consumer ({@code rollup_sales}) are not seeded: no HQ question reads
 * them.
 *
 * <p>Every answer is checked against sums the benchmark computes from the generated sales itself (not through the
 * roll-up rules): the run fails if a figure is wrong.
 *
 * <p>Run: {@code mvn -B -o -pl sales-service test -Pbenchmark -Dtest=RollupQueryBenchmarkTest
 * -Dbenchmark.sales=10000000 -Dbenchmark.baseline=1000000}
 */
@Tag("benchmark")
@ServiceTest
// the benchmark runs alone (-Pbenchmark), so its own context costs the normal run nothing; without the outbox relay,
// whose scan for unpublished events would otherwise sweep the million seeded sales twice a second
@org.springframework.test.context.TestPropertySource(properties = "dealer.outbox.enabled=false")
class RollupQueryBenchmarkTest {

    static final int SALES = Integer.getInteger("benchmark.sales", 1_000_000);
    static final int BASELINE = Integer.getInteger("benchmark.baseline", SALES / 10);
    static final int RAW_SALES = Integer.getInteger("benchmark.rawSales", 1_000_000);
    static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 300);
    static final int CALLS = Integer.getInteger("benchmark.calls", 2_000);

    static final String[][] BRANCHES = {{"JS-NJ-01", "JIANGSU"}, {"JS-SZ-01", "JIANGSU"}, {"JS-WX-01", "JIANGSU"},
            {"ZJ-HZ-01", "ZHEJIANG"}, {"ZJ-NB-01", "ZHEJIANG"}, {"ZJ-WZ-01", "ZHEJIANG"}, {"AH-HF-01", "ANHUI"},
            {"AH-WH-01", "ANHUI"}, {"AH-BB-01", "ANHUI"}};
    /** Sorted, as the market share lists them. */
    static final String[] REGIONS = {"ANHUI", "JIANGSU", "ZHEJIANG"};
    static final String[] MODELS = {"Passat 330TSI", "Lavida Plus", "Tiguan L", "Magotan", "ID.4 CROZZ", "Sagitar"};
    static final String[] CATEGORIES = {"PASSENGER_CAR", "PASSENGER_CAR", "SUV", "PASSENGER_CAR", "SUV", "PASSENGER_CAR"};
    /** In the enum's order, as the market share lists them. */
    static final String[] SEGMENTS = {"INDIVIDUAL", "GROUP_COMPANY", "GOVERNMENT"};
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    static final int DAYS = 730;
    /** The date HQ asks at: a month in part, so the answers read day cells too. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 15);
    static final YearMonth COMPARED_MONTH = YearMonth.of(2026, 10);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    RollupStore rollup;
    @Autowired
    MockMvc mvc;
    @Autowired
    OrganisationDirectory directory;

    /** A question HQ asks, its endpoint, and the check of its answer against the generated sales. */
    record Question(String name, String reads, MockHttpServletRequestBuilder request, Check check) {
    }

    @FunctionalInterface
    interface Check {
        void verify(String json, Truth truth);
    }

    /** One size's measurements. */
    record Round(int sales, boolean raw, long seedMillis, long monthCells, long dayCells, long heapMiB, String loadBefore,
            String loadAfter, Map<String, Histogram> latency, Histogram rawLatency) {
    }

    @Test
    void hqQuestionsAtTwoSizes() throws Exception {
        // the benchmark's organisation: 9 branches in 3 regions (the default installation knows 5 in 2)
        for (String[] branch : BRANCHES) {
            directory.saveBranch(new Branch(branch[0], branch[0], branch[1], branch[1]));
        }
        List<Question> questions = questions();
        List<Round> rounds = new ArrayList<>();
        if (BASELINE > 0 && BASELINE < SALES) {
            rounds.add(round(BASELINE, questions));
        }
        rounds.add(round(SALES, questions));
        print(questions, rounds);
    }

    private List<Question> questions() {
        String hq = SalesFixtures.HQ;
        List<Question> questions = new ArrayList<>();
        questions.add(new Question("year-over-year", "JIANGSU 2026-01-01..11-15 vs 2025, 20 month + 30 day cells",
                get("/api/hq/reports/year-over-year").header("Authorization", hq).param("level", "REGION")
                        .param("unitId", "JIANGSU").param("year", "2026").param("asOf", AS_OF.toString()),
                (json, truth) -> {
                    int r = region("JIANGSU");
                    List<Object> months = JsonPath.read(json, "$.months");
                    assertThat(months).hasSize(11);
                    for (int m = 1; m <= 11; m++) {
                        LocalDate from = LocalDate.of(2026, m, 1);
                        LocalDate to = m == 11 ? AS_OF : YearMonth.of(2026, m).atEndOfMonth();
                        assertThat(number(json, "$.months[" + (m - 1) + "].currentFen")).as("2026-%02d", m)
                                .isEqualTo(truth.regionAmount(r, from, to));
                        assertThat(number(json, "$.months[" + (m - 1) + "].previousFen")).as("2025-%02d", m)
                                .isEqualTo(truth.regionAmount(r, from.minusYears(1), to.minusYears(1)));
                    }
                    assertThat(number(json, "$.total.currentFen")).isEqualTo(truth.regionAmount(r, LocalDate.of(2026, 1, 1), AS_OF));
                    assertThat(number(json, "$.total.previousFen"))
                            .isEqualTo(truth.regionAmount(r, LocalDate.of(2025, 1, 1), AS_OF.minusYears(1)));
                }));
        questions.add(new Question("target attainment", "JIANGSU as of 2026-11-15, 10 month + 15 day cells, the target",
                get("/api/hq/reports/attainment").header("Authorization", hq).param("level", "REGION")
                        .param("unitId", "JIANGSU").param("asOf", AS_OF.toString()),
                (json, truth) -> {
                    int r = region("JIANGSU");
                    assertThat(number(json, "$.month.actualFen")).isEqualTo(truth.regionAmount(r, LocalDate.of(2026, 11, 1), AS_OF));
                    assertThat(number(json, "$.quarterToDate.actualFen"))
                            .isEqualTo(truth.regionAmount(r, LocalDate.of(2026, 10, 1), AS_OF));
                    assertThat(number(json, "$.yearToDate.actualFen")).isEqualTo(truth.regionAmount(r, LocalDate.of(2026, 1, 1), AS_OF));
                }));
        questions.add(new Question("market share", "2026, 3 regions x 3 segments x 12 months: 108 cells + market totals",
                get("/api/hq/reports/market-share").header("Authorization", hq).param("year", "2026"),
                (json, truth) -> {
                    List<Object> lines = JsonPath.read(json, "$.lines");
                    assertThat(lines).hasSize(REGIONS.length * SEGMENTS.length * 12);
                    int i = 0;
                    for (int r = 0; r < REGIONS.length; r++) {
                        for (int s = 0; s < SEGMENTS.length; s++) {
                            for (int m = 1; m <= 12; m++, i++) {
                                String line = "$.lines[" + i + "]";
                                assertThat((String) JsonPath.read(json, line + ".regionId")).isEqualTo(REGIONS[r]);
                                assertThat((String) JsonPath.read(json, line + ".segment")).isEqualTo(SEGMENTS[s]);
                                assertThat(((Number) JsonPath.read(json, line + ".ownUnits")).doubleValue())
                                        .as("%s %s 2026-%02d", REGIONS[r], SEGMENTS[s], m)
                                        .isEqualTo((double) truth.regionSegmentUnits(r, s, YearMonth.of(2026, m)));
                            }
                        }
                    }
                }));
        questions.add(new Question("branch comparison", "JIANGSU 2026-10 by branch, model, segment, category (monthly report)",
                get("/api/hq/reports/monthly").header("Authorization", hq).param("level", "REGION")
                        .param("unitId", "JIANGSU").param("month", COMPARED_MONTH.toString()),
                (json, truth) -> {
                    LocalDate from = COMPARED_MONTH.atDay(1);
                    LocalDate to = COMPARED_MONTH.atEndOfMonth();
                    assertThat(number(json, "$.total.amountFen")).isEqualTo(truth.regionAmount(region("JIANGSU"), from, to));
                    List<Object> children = JsonPath.read(json, "$.byChild");
                    assertThat(children).hasSize(3);
                    for (int c = 0; c < children.size(); c++) {
                        String branch = JsonPath.read(json, "$.byChild[" + c + "].key");
                        assertThat(number(json, "$.byChild[" + c + "].amountFen")).as(branch)
                                .isEqualTo(truth.branchAmount(branch(branch), from, to));
                    }
                }));
        return questions;
    }

    private Round round(int sales, List<Question> questions) throws Exception {
        for (String collection : List.of(SaleStore.COLLECTION, RollupStore.CELLS, RollupStore.DAYS)) {
            mongo.remove(new org.springframework.data.mongodb.core.query.Query(), collection);
        }
        boolean raw = sales <= RAW_SALES;
        long seedStart = System.currentTimeMillis();
        Truth truth = seed(sales, raw);
        long seedMillis = System.currentTimeMillis() - seedStart;
        long monthCells = mongo.estimatedCount(RollupStore.CELLS);
        long dayCells = mongo.estimatedCount(RollupStore.DAYS);
        System.gc();
        long heapMiB = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.out.printf("seeded %,d sales in %,d ms: %,d month cells, %,d day cells, raw sales %s; heap used %,d MiB%n",
                sales, seedMillis, monthCells, dayCells, raw ? "stored" : "not stored", heapMiB);

        // every answer right first, then warm-up and the measured calls, the questions taking turns
        for (Question q : questions) {
            q.check().verify(answer(q), truth);
        }
        String loadBefore = loadAverage();
        Map<String, Histogram> latency = new LinkedHashMap<>();
        questions.forEach(q -> latency.put(q.name(), new Histogram(60_000_000L, 3)));
        for (int i = 0; i < WARM_UP + CALLS; i++) {
            for (Question q : questions) {
                long t = System.nanoTime();
                mvc.perform(q.request()).andExpect(status().isOk());
                if (i >= WARM_UP) {
                    latency.get(q.name()).recordValue((System.nanoTime() - t) / 1_000);
                }
            }
        }
        String loadAfter = loadAverage();
        for (Question q : questions) {
            q.check().verify(answer(q), truth);
        }

        Histogram rawLatency = null;
        if (raw) {
            // the baseline: the year-over-year figures aggregated from the raw sales
            rawLatency = new Histogram(600_000_000L, 3);
            long rawStart = System.currentTimeMillis();
            for (int i = 0; i < 21 && (i < 4 || System.currentTimeMillis() - rawStart < 45_000); i++) {
                long t = System.nanoTime();
                Map<String, Long> months = rawAggregation();
                if (i >= 1) {
                    rawLatency.recordValue((System.nanoTime() - t) / 1_000);
                }
                for (YearMonth m = YearMonth.of(2025, 1); m.isBefore(YearMonth.of(2027, 1)); m = m.plusMonths(1)) {
                    assertThat(months.getOrDefault(m.toString(), 0L)).as("raw %s", m)
                            .isEqualTo(truth.regionAmount(region("JIANGSU"), m.atDay(1), m.atEndOfMonth()));
                }
            }
        }
        return new Round(sales, raw, seedMillis, monthCells, dayCells, heapMiB, loadBefore, loadAfter, latency, rawLatency);
    }

    private String answer(Question q) throws Exception {
        return mvc.perform(q.request()).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private void print(List<Question> questions, List<Round> rounds) {
        System.out.printf("%n=== SAL-9 / issue 10 HQ query benchmark (roll-up, HTTP through MockMvc; %,d warm-up + %,d measured calls per question per size) ===%n",
                WARM_UP, CALLS);
        for (Round r : rounds) {
            System.out.printf("%,d sales: seeded in %,d ms, %,d month cells, %,d day cells, raw sales %s, heap used after seeding %,d MiB, load average %s -> %s%n",
                    r.sales(), r.seedMillis(), r.monthCells(), r.dayCells(), r.raw() ? "stored" : "not stored",
                    r.heapMiB(), r.loadBefore(), r.loadAfter());
        }
        System.out.printf("%-20s %-12s %10s %10s %10s%n", "question", "sales", "p50 ms", "p99 ms", "max ms");
        for (Question q : questions) {
            for (Round r : rounds) {
                Histogram h = r.latency().get(q.name());
                System.out.printf("%-20s %-12s %10.2f %10.2f %10.2f%n", q.name(), String.format("%,d", r.sales()),
                        ms(h, 50), ms(h, 99), h.getMaxValue() / 1000.0);
            }
            System.out.printf("%-20s reads %s%n", "", q.reads());
        }
        if (rounds.size() == 2) {
            Round small = rounds.get(0);
            Round large = rounds.get(1);
            System.out.printf("flat-cost ratio %,d / %,d sales (same questions, same run):%n", large.sales(), small.sales());
            for (Question q : questions) {
                Histogram s = small.latency().get(q.name());
                Histogram l = large.latency().get(q.name());
                System.out.printf("  %-20s p50 %.2f  p99 %.2f%n", q.name(), ms(l, 50) / ms(s, 50), ms(l, 99) / ms(s, 99));
            }
        }
        for (Round r : rounds) {
            if (r.rawLatency() != null) {
                Histogram raw = r.rawLatency();
                Histogram yoy = r.latency().get("year-over-year");
                System.out.printf("baseline at %,d stored sales: JIANGSU 2025-2026 month by month aggregated from the raw sales "
                                + "($match + $group, %d runs): p50 %.2f ms  p99 %.2f ms; ratio raw / roll-up year-over-year: p50 %.0fx  p99 %.0fx%n",
                        r.sales(), raw.getTotalCount(), ms(raw, 50), ms(raw, 99), ms(raw, 50) / ms(yoy, 50), ms(raw, 99) / ms(yoy, 99));
            } else {
                System.out.printf("no raw-sales baseline at %,d sales (raw sales stored only up to -Dbenchmark.rawSales=%,d)%n",
                        r.sales(), RAW_SALES);
            }
        }
        System.out.println("every answer checked against sums of the generated sales: right");
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static long number(String json, String path) {
        return ((Number) JsonPath.read(json, path)).longValue();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
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

    /** What the generated sales add up to, counted directly (not through the roll-up rules), per day. */
    static final class Truth {
        final long[][] regionAmount = new long[REGIONS.length][DAYS];
        final int[][][] regionSegmentCount = new int[REGIONS.length][SEGMENTS.length][DAYS];
        final long[][] branchAmount = new long[BRANCHES.length][DAYS];

        long regionAmount(int region, LocalDate from, LocalDate to) {
            return sum(regionAmount[region], from, to);
        }

        long branchAmount(int branch, LocalDate from, LocalDate to) {
            return sum(branchAmount[branch], from, to);
        }

        long regionSegmentUnits(int region, int segment, YearMonth month) {
            long units = 0;
            for (int d = index(month.atDay(1)); d <= index(month.atEndOfMonth()); d++) {
                units += regionSegmentCount[region][segment][d];
            }
            return units;
        }

        private static long sum(long[] days, LocalDate from, LocalDate to) {
            long sum = 0;
            for (int d = index(from); d <= index(to); d++) {
                sum += days[d];
            }
            return sum;
        }

        private static int index(LocalDate day) {
            return (int) ChronoUnit.DAYS.between(FIRST_DAY, day);
        }
    }

    private static int region(String regionId) {
        for (int r = 0; r < REGIONS.length; r++) {
            if (REGIONS[r].equals(regionId)) {
                return r;
            }
        }
        throw new IllegalArgumentException(regionId);
    }

    private static int branch(String branchId) {
        for (int b = 0; b < BRANCHES.length; b++) {
            if (BRANCHES[b][0].equals(branchId)) {
                return b;
            }
        }
        throw new IllegalArgumentException(branchId);
    }

    /**
     * Generates {@code sales} sales (the same sequence at every size: a smaller size is a prefix of a larger one),
     * stores them in bulk in the sale store's document shape if {@code storeRaw}, sums the month and day cells they
     * leave in the roll-up as the consumer would ({@link SaleContribution}) and bulk-inserts those.
     */
    private Truth seed(int sales, boolean storeRaw) {
        Random random = new Random(1);
        Truth truth = new Truth();
        Map<RollupCell, Figures> cells = new HashMap<>();
        Map<DayCell, Figures> days = new HashMap<>();
        List<Document> batch = new ArrayList<>(10_000);
        for (int i = 0; i < sales; i++) {
            int b = random.nextInt(BRANCHES.length);
            String[] branch = BRANCHES[b];
            int d = random.nextInt(DAYS);
            LocalDate day = FIRST_DAY.plusDays(d);
            int modelIndex = random.nextInt(MODELS.length);
            String model = MODELS[modelIndex];
            String category = CATEGORIES[modelIndex];
            int s = random.nextInt(SEGMENTS.length);
            String segment = SEGMENTS[s];
            long amount = 8_000_000L + random.nextInt(32_000_000);
            boolean cancelled = random.nextInt(50) == 0;
            List<SalesCredit> credits = random.nextInt(4) == 0
                    ? List.of(new SalesCredit(branch[0] + "-sp" + random.nextInt(8), 60), new SalesCredit(branch[0] + "-sp" + (8 + random.nextInt(8)), 40))
                    : List.of(new SalesCredit(branch[0] + "-sp" + random.nextInt(16), 100));
            String customer = "cust-" + random.nextInt(200_000);
            if (storeRaw) {
                List<Document> people = credits.stream()
                        .map(c -> new Document("salespersonId", c.salespersonId()).append("sharePercent", c.sharePercent())).toList();
                batch.add(new Document("_id", "bench-" + i).append("branchId", branch[0]).append("regionId", branch[1])
                        .append("customerId", customer).append("salespeople", people)
                        .append("vehicle", new Document("vin", "LSVAU2180N" + String.format("%07d", i)).append("model", model)
                                .append("category", category))
                        .append("segment", segment).append("amountFen", amount).append("saleDate", date(day))
                        .append("status", cancelled ? "CANCELLED" : "ACTIVE").append("recordedBy", "bench").append("version", 1L));
                if (batch.size() == 10_000) {
                    mongo.insert(batch, SaleStore.COLLECTION);
                    batch.clear();
                }
            }
            SaleContribution contribution = new SaleContribution(branch[0], branch[1], credits, segment, model, category,
                    amount, day, !cancelled);
            contribution.cells().forEach((cell, f) -> cells.merge(cell, f, Figures::plus));
            contribution.dayCells().forEach((cell, f) -> days.merge(cell, f, Figures::plus));
            if (!cancelled) {
                int r = region(branch[1]);
                truth.regionAmount[r][d] += amount;
                truth.regionSegmentCount[r][s][d]++;
                truth.branchAmount[b][d] += amount;
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, SaleStore.COLLECTION);
        }
        List<Document> cellDocuments = new ArrayList<>(cells.size());
        cells.forEach((cell, f) -> cellDocuments.add(RollupStore.describe(cell).append("_id", cell.id())
                .append("amountFen", f.amountFen()).append("unitHundredths", f.unitHundredths())));
        cells.clear();
        rollup.insertCells(cellDocuments);
        cellDocuments.clear();
        // the day cells in chunks, dropping each from the map as it goes, so the map and the documents never coexist
        List<Document> chunk = new ArrayList<>(5_000);
        for (Iterator<Map.Entry<DayCell, Figures>> it = days.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<DayCell, Figures> e = it.next();
            chunk.add(RollupStore.describe(e.getKey()).append("_id", e.getKey().id())
                    .append("amountFen", e.getValue().amountFen()).append("unitHundredths", e.getValue().unitHundredths()));
            it.remove();
            if (chunk.size() == 5_000) {
                mongo.insert(chunk, RollupStore.DAYS);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            mongo.insert(chunk, RollupStore.DAYS);
        }
        return truth;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
