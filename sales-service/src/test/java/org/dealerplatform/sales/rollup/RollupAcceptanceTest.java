package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.rollup.messaging.SaleRollupListener;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.Sale;
import org.dealerplatform.sales.sale.SaleFacts;
import org.dealerplatform.sales.sale.SaleStatus;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.Segment;
import org.dealerplatform.sales.sale.Vehicle;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The acceptance test of issue 4: two years of sales in 3 regions and 9 branches, with cancellations, corrections and
 * shared credit, fed through the outbox, Kafka and the real roll-up consumer; every roll-up figure must equal a naive
 * recomputation from the raw sales, and so must the rebuild, also after redelivered and republished events. The years
 * 2019-2020 belong to this test alone (other tests record sales in later years).
 */
@ServiceTest
class RollupAcceptanceTest {

    static final int SALES = Integer.getInteger("acceptance.sales", 2_000);
    /**
     * How long the roll-up may take to catch up: a recount test, not a timed one (the rate is measured by
     * RollupBatchBenchmarkTest), so the wait grows with the volume asked for (10,000 sales on a loaded machine).
     */
    static final Duration CATCH_UP = Duration.ofSeconds(Math.max(120, SALES / 10));
    static final List<Branch> BRANCHES = List.of(
            new Branch("JS-NJ-01", "Nanjing", "JIANGSU", "Jiangsu"),
            new Branch("JS-SZ-01", "Suzhou", "JIANGSU", "Jiangsu"),
            new Branch("JS-WX-01", "Wuxi", "JIANGSU", "Jiangsu"),
            new Branch("ZJ-HZ-01", "Hangzhou", "ZHEJIANG", "Zhejiang"),
            new Branch("ZJ-NB-01", "Ningbo", "ZHEJIANG", "Zhejiang"),
            new Branch("ZJ-WZ-01", "Wenzhou", "ZHEJIANG", "Zhejiang"),
            new Branch("AH-HF-01", "Hefei", "ANHUI", "Anhui"),
            new Branch("AH-WH-01", "Wuhu", "ANHUI", "Anhui"),
            new Branch("AH-BB-01", "Bengbu", "ANHUI", "Anhui"));
    static final List<String> MODELS = List.of("Passat 330TSI", "Lavida Plus", "Tiguan L", "Magotan", "ID.4 CROZZ",
            "Sinotruk sprinkler 12t", "Dongfeng tank car 8t");
    /** The catalogue's category of each model (CUS-4): passenger cars, SUVs and two special-purpose types. */
    static final Map<String, VehicleCategory> CATEGORIES = Map.of("Passat 330TSI", VehicleCategory.PASSENGER_CAR,
            "Lavida Plus", VehicleCategory.PASSENGER_CAR, "Tiguan L", VehicleCategory.SUV, "Magotan", VehicleCategory.PASSENGER_CAR,
            "ID.4 CROZZ", VehicleCategory.SUV, "Sinotruk sprinkler 12t", VehicleCategory.SPRINKLER,
            "Dongfeng tank car 8t", VehicleCategory.TANK_CAR);
    static final String[] SPLITS = {"100", "60/40", "50/50", "70/30", "34/33/33"};
    static final YearMonth FIRST = YearMonth.of(2019, 1);
    static final YearMonth LAST = YearMonth.of(2020, 12);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SaleStore sales;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    SaleRollupListener listener;
    @Autowired
    EventReader reader;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${spring.kafka.consumer.group-id}")
    String group;

    final Random random = new Random(20_191_231);
    final Map<String, List<String>> salespeopleOf = new HashMap<>();

    @Test
    @DisplayName("INT-4 CUS-4 SAL-9 SAL-3 SAL-4 SAL-5 SAL-6 SAL-11 acceptance: 2,000 sales (-Dacceptance.sales=N for more) over two years, 3 regions, 9 branches, cancellations, corrections and shared credit — every roll-up figure, attainment, monthly statistics, annual summary (also by vehicle category), YoY (also date ranges across the year boundary and to 29 February) and market share equals a naive recount from the raw sales at every level; rebuild equals the incremental path, also after redelivered events")
    void rollUpEqualsNaiveRecomputation() throws Exception {
        long start = System.currentTimeMillis();
        Set<String> ids = seedSales();
        System.out.println("ACCEPTANCE seeded in " + (System.currentTimeMillis() - start) + " ms");
        awaitApplied(ids);
        System.out.println("ACCEPTANCE applied in " + (System.currentTimeMillis() - start) + " ms");

        List<Sale> raw = rawSales(ids);
        Map<String, List<Long>> expected = naiveCells(raw);
        assertThat(storedCells()).as("incremental roll-up").isEqualTo(expected);
        Map<String, List<Long>> expectedDays = naiveDays(raw);
        assertThat(storedDays()).as("incremental day figures").isEqualTo(expectedDays);
        checkReports(raw);

        // redelivery of the same records (same offsets) straight into the consumer, and the relay's double publishing
        // (same event at new offsets) through Kafka: neither changes a figure
        List<ConsumerRecord<String, byte[]>> records;
        try (TopicProbe probe = new TopicProbe(brokers, SaleStore.TOPIC)) {
            int events = (int) raw.stream().mapToLong(Sale::version).sum();
            records = probe.await(r -> ids.contains(r.key()), events, CATCH_UP);
        }
        List<ConsumerRecord<String, byte[]>> sample = new ArrayList<>(records.subList(0, 300));
        sample.addAll(records.subList(records.size() - 300, records.size()));
        for (ConsumerRecord<String, byte[]> record : sample) {
            listener.apply(reader.read(record));
        }
        republish(sample);
        awaitConsumerCaughtUp();
        assertThat(storedCells()).as("after redelivered and republished events").isEqualTo(expected);
        assertThat(storedDays()).as("day figures after redelivered and republished events").isEqualTo(expectedDays);
        Map<String, List<Long>> incremental = storedCells();

        mvc.perform(post("/api/hq/rollups/rebuild").header("Authorization", HQ)).andExpect(status().isOk());
        Map<String, List<Long>> rebuilt = storedCells();
        assertThat(rebuilt).as("rebuild equals incremental").isEqualTo(incremental).isEqualTo(expected);
        assertThat(storedDays()).as("rebuilt day figures").isEqualTo(expectedDays);

        // events redelivered after a rebuild are covered by it
        for (ConsumerRecord<String, byte[]> record : sample) {
            listener.apply(reader.read(record));
        }
        assertThat(storedCells()).as("redelivered after rebuild").isEqualTo(expected);
        checkReports(raw);
    }

    // ---- seeding -------------------------------------------------------------------------------------------------

    private Set<String> seedSales() {
        BRANCHES.forEach(directory::saveBranch);
        for (Branch branch : BRANCHES) {
            List<String> people = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String id = "acc-" + branch.id() + "-" + i;
                directory.saveSalesperson(new Salesperson(id, "Acceptance " + i, branch.id(), true));
                people.add(id);
            }
            salespeopleOf.put(branch.id(), people);
        }
        List<Sale> seeded = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            Branch branch = BRANCHES.get(random.nextInt(BRANCHES.size()));
            LocalDate date = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(731));
            Sale sale = Sale.record("acc-sale-" + i, branch.id(), branch.regionId(), "cust-" + random.nextInt(500),
                    credits(branch.id()), vehicle(), segment(), amount(), date, "seeder", Instant.now());
            sales.insert(sale);
            seeded.add(sale);
        }
        for (Sale sale : seeded) {
            int dice = random.nextInt(100);
            if (dice < 10) {
                Sale loaded = sales.findById(sale.id()).orElseThrow();
                LocalDate date = dice < 3 ? loaded.saleDate().withDayOfMonth(1).plusMonths(random.nextBoolean() ? 1 : -1) : loaded.saleDate();
                if (date.getYear() < 2019 || date.getYear() > 2020) {
                    date = loaded.saleDate();
                }
                loaded.correct(new SaleFacts(loaded.customerId(), dice < 6 ? credits(loaded.branchId()) : loaded.salespeople(),
                        dice % 2 == 0 ? vehicle() : loaded.vehicle(), dice % 3 == 0 ? segment() : loaded.segment(),
                        amount(), date, SaleStatus.ACTIVE), "acceptance correction", "seeder", Instant.now());
                sales.update(loaded);
            }
            if (dice >= 7 && dice < 13) {
                Sale loaded = sales.findById(sale.id()).orElseThrow();
                loaded.cancel("acceptance cancellation", "seeder", Instant.now());
                sales.update(loaded);
            }
        }
        return seeded.stream().map(Sale::id).collect(Collectors.toSet());
    }

    private List<SalesCredit> credits(String branchId) {
        List<String> people = new ArrayList<>(salespeopleOf.get(branchId));
        java.util.Collections.shuffle(people, random);
        String split = SPLITS[random.nextInt(SPLITS.length)];
        String[] parts = split.split("/");
        List<SalesCredit> credits = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            credits.add(new SalesCredit(people.get(i), Integer.parseInt(parts[i])));
        }
        return credits;
    }

    private Vehicle vehicle() {
        String model = MODELS.get(random.nextInt(MODELS.size()));
        return new Vehicle("LSVAU2180N" + String.format("%07d", random.nextInt(9_999_999)), model, CATEGORIES.get(model), null);
    }

    private Segment segment() {
        return Segment.values()[random.nextInt(Segment.values().length)];
    }

    private long amount() {
        return 8_000_000L + random.nextInt(32_000_000);
    }

    private void awaitApplied(Set<String> ids) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, Long> versions = new HashMap<>();
            mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, SaleStore.COLLECTION)
                    .forEach(d -> versions.put(d.getString("_id"), ((Number) d.get("version")).longValue()));
            // a claim of the batch path is written before its cells (the batch's journal): applied once none pending
            long applied = mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, RollupStore.APPLIED).stream()
                    .filter(d -> versions.get(d.getString("_id")) == ((Number) d.get("version")).longValue())
                    .filter(d -> d.getList("pendingCells", String.class) == null
                            || d.getList("pendingCells", String.class).isEmpty())
                    .count();
            return applied == ids.size();
        });
    }

    private List<Sale> rawSales(Set<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Sale.class, SaleStore.COLLECTION);
    }

    // ---- the naive recomputation -------------------------------------------------------------------------------

    /** Every cell of 2019-2020 recomputed sale by sale: [amountFen, unitHundredths], zero cells left out. */
    static Map<String, List<Long>> naiveCells(List<Sale> raw) {
        Map<String, List<Long>> cells = new HashMap<>();
        for (Sale s : raw) {
            if (s.status() == SaleStatus.CANCELLED) {
                continue;
            }
            List<String[]> units = new ArrayList<>();
            units.add(new String[] {"GROUP", "GROUP", String.valueOf(s.amountFen()), "100"});
            units.add(new String[] {"REGION", s.regionId(), String.valueOf(s.amountFen()), "100"});
            units.add(new String[] {"BRANCH", s.branchId(), String.valueOf(s.amountFen()), "100"});
            long left = s.amountFen();
            long[] shares = new long[s.salespeople().size()];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = s.amountFen() * s.salespeople().get(i).sharePercent() / 100;
                left -= shares[i];
            }
            for (int i = 0; left > 0; i++, left--) {
                shares[i]++;
            }
            for (int i = 0; i < shares.length; i++) {
                SalesCredit c = s.salespeople().get(i);
                units.add(new String[] {"SALESPERSON", c.salespersonId(), String.valueOf(shares[i]), String.valueOf(c.sharePercent())});
            }
            for (String[] unit : units) {
                for (String segment : List.of(s.segment().name(), "*")) {
                    for (String model : List.of(s.vehicle().model(), "*")) {
                        String id = unit[0] + "|" + unit[1] + "|" + YearMonth.from(s.saleDate()) + "|" + segment + "|" + model;
                        List<Long> f = cells.getOrDefault(id, List.of(0L, 0L));
                        cells.put(id, List.of(f.get(0) + Long.parseLong(unit[2]), f.get(1) + Long.parseLong(unit[3])));
                    }
                    String id = unit[0] + "|" + unit[1] + "|" + YearMonth.from(s.saleDate()) + "|" + segment + "|*|"
                            + s.vehicle().category().name(); // CUS-4: the category across all models
                    List<Long> f = cells.getOrDefault(id, List.of(0L, 0L));
                    cells.put(id, List.of(f.get(0) + Long.parseLong(unit[2]), f.get(1) + Long.parseLong(unit[3])));
                }
            }
        }
        return cells;
    }

    /** Every day figure of 2019-2020 (per segment and model, and for all of them) recomputed sale by sale. */
    static Map<String, List<Long>> naiveDays(List<Sale> raw) {
        Map<String, List<Long>> days = new HashMap<>();
        for (Sale s : raw) {
            if (s.status() == SaleStatus.CANCELLED) {
                continue;
            }
            Map<String, Long> shares = SalesCredit.split(s.salespeople(), s.amountFen());
            List<String[]> units = new ArrayList<>(List.of(new String[] {"GROUP|GROUP", String.valueOf(s.amountFen()), "100"},
                    new String[] {"REGION|" + s.regionId(), String.valueOf(s.amountFen()), "100"},
                    new String[] {"BRANCH|" + s.branchId(), String.valueOf(s.amountFen()), "100"}));
            s.salespeople().forEach(c -> units.add(new String[] {"SALESPERSON|" + c.salespersonId(),
                    String.valueOf(shares.get(c.salespersonId())), String.valueOf(c.sharePercent())}));
            for (String[] unit : units) {
                for (String segment : List.of(s.segment().name(), "*")) {
                    for (String model : List.of(s.vehicle().model(), "*")) {
                        String id = unit[0] + "|" + s.saleDate() + ("*".equals(segment) && "*".equals(model) ? "" : "|" + segment + "|" + model);
                        List<Long> f = days.getOrDefault(id, List.of(0L, 0L));
                        days.put(id, List.of(f.get(0) + Long.parseLong(unit[1]), f.get(1) + Long.parseLong(unit[2])));
                    }
                    String id = unit[0] + "|" + s.saleDate() + "|" + segment + "|*|" + s.vehicle().category().name();
                    List<Long> f = days.getOrDefault(id, List.of(0L, 0L));
                    days.put(id, List.of(f.get(0) + Long.parseLong(unit[1]), f.get(1) + Long.parseLong(unit[2])));
                }
            }
        }
        return days;
    }

    /**
     * The stored day cells of 2019-2020, zero cells left out; read a month at a time with only the figures, since at
     * 10,000 sales one reply of them all exceeds the driver's 48 MB message limit (the embedded server answers a find
     * in one reply).
     */
    Map<String, List<Long>> storedDays() {
        Map<String, List<Long>> days = new HashMap<>();
        for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
            Query inMonth = Query.query(Criteria.where("day").gte(month.atDay(1).toString()).lte(month.atEndOfMonth().toString()));
            inMonth.fields().include("amountFen").include("unitHundredths");
            mongo.find(inMonth, Document.class, RollupStore.DAYS).forEach(d -> {
                long amount = ((Number) d.get("amountFen")).longValue();
                long units = ((Number) d.get("unitHundredths")).longValue();
                if (amount != 0 || units != 0) {
                    days.put(d.getString("_id"), List.of(amount, units));
                }
            });
        }
        return days;
    }

    /** The stored cells of 2019-2020, zero cells left out (a cancelled sale may leave a zeroed cell behind). */
    Map<String, List<Long>> storedCells() {
        Map<String, List<Long>> cells = new HashMap<>();
        mongo.find(Query.query(Criteria.where("month").gte(FIRST.toString()).lte(LAST.toString())), Document.class, RollupStore.CELLS)
                .forEach(d -> {
                    long amount = ((Number) d.get("amountFen")).longValue();
                    long units = ((Number) d.get("unitHundredths")).longValue();
                    if (amount != 0 || units != 0) {
                        cells.put(d.getString("_id"), List.of(amount, units));
                    }
                });
        return cells;
    }

    /** Naive sum over raw sales of one unit's amount [0] and unit hundredths [1] in a month range. */
    static long[] naive(List<Sale> raw, Level level, String unit, YearMonth from, YearMonth to, Predicate<Sale> filter) {
        return naive(raw, level, unit, from.atDay(1), to.atEndOfMonth(), filter);
    }

    /** The same over a date range (inclusive). */
    static long[] naive(List<Sale> raw, Level level, String unit, LocalDate from, LocalDate to, Predicate<Sale> filter) {
        long[] sum = new long[2];
        for (Sale s : raw) {
            LocalDate m = s.saleDate();
            if (s.status() == SaleStatus.CANCELLED || m.isBefore(from) || m.isAfter(to) || !filter.test(s)) {
                continue;
            }
            switch (level) {
                case GROUP -> add(sum, s.amountFen(), 100);
                case REGION -> {
                    if (s.regionId().equals(unit)) {
                        add(sum, s.amountFen(), 100);
                    }
                }
                case BRANCH -> {
                    if (s.branchId().equals(unit)) {
                        add(sum, s.amountFen(), 100);
                    }
                }
                case SALESPERSON -> {
                    Map<String, Long> shares = SalesCredit.split(s.salespeople(), s.amountFen());
                    s.salespeople().stream().filter(c -> c.salespersonId().equals(unit))
                            .forEach(c -> add(sum, shares.get(unit), c.sharePercent()));
                }
            }
        }
        return sum;
    }

    private static void add(long[] sum, long amount, long hundredths) {
        sum[0] += amount;
        sum[1] += hundredths;
    }

    // ---- reports against the naive recomputation ----------------------------------------------------------------

    private void checkReports(List<Sale> raw) throws Exception {
        Map<Level, List<String>> units = new HashMap<>();
        units.put(Level.GROUP, List.of("GROUP"));
        units.put(Level.REGION, List.of("JIANGSU", "ZHEJIANG", "ANHUI"));
        units.put(Level.BRANCH, BRANCHES.stream().map(Branch::id).toList());
        units.put(Level.SALESPERSON, salespeopleOf.values().stream().flatMap(List::stream).toList());
        for (var entry : units.entrySet()) {
            for (String unit : entry.getValue()) {
                checkAttainment(raw, entry.getKey(), unit);
                checkYearOverYear(raw, entry.getKey(), unit);
                checkSamePeriod(raw, entry.getKey(), unit);
                for (String month : List.of("2019-12", "2020-01")) {
                    checkBreakdown(raw, entry.getKey(), unit, "monthly", "month", month,
                            YearMonth.parse(month).atDay(1), YearMonth.parse(month).atEndOfMonth());
                }
                for (int year : List.of(2019, 2020)) {
                    checkBreakdown(raw, entry.getKey(), unit, "annual-summary", "year", String.valueOf(year),
                            LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
                }
            }
        }
        checkMarketShare(raw);
    }

    /** What one sale credits to a unit: [amountFen, unitHundredths], or {@code null} if it does not count there. */
    static long[] credit(Sale s, Level level, String unit) {
        return switch (level) {
            case GROUP -> new long[] {s.amountFen(), 100};
            case REGION -> s.regionId().equals(unit) ? new long[] {s.amountFen(), 100} : null;
            case BRANCH -> s.branchId().equals(unit) ? new long[] {s.amountFen(), 100} : null;
            case SALESPERSON -> s.salespeople().stream().filter(c -> c.salespersonId().equals(unit)).findFirst()
                    .map(c -> new long[] {SalesCredit.split(s.salespeople(), s.amountFen()).get(unit), c.sharePercent()})
                    .orElse(null);
        };
    }

    /** The units one level down that a sale credits (regions of the group, branches of a region, its salespeople). */
    static List<String> childrenCredited(Sale s, Level level) {
        return switch (level) {
            case GROUP -> List.of(s.regionId());
            case REGION -> List.of(s.branchId());
            case BRANCH -> s.salespeople().stream().map(SalesCredit::salespersonId).toList();
            case SALESPERSON -> List.of();
        };
    }

    private static void addTo(Map<String, List<Long>> rows, String key, long[] figures) {
        List<Long> f = rows.getOrDefault(key, List.of(0L, 0L));
        rows.put(key, List.of(f.get(0) + figures[0], f.get(1) + figures[1]));
    }

    /** The rows of a breakdown section as key → [amountFen, unitHundredths], rows of zero left out. */
    private static Map<String, List<Long>> rows(String body, String section) {
        Map<String, List<Long>> rows = new HashMap<>();
        for (Map<String, Object> row : JsonPath.<List<Map<String, Object>>>read(body, "$." + section)) {
            long amount = ((Number) row.get("amountFen")).longValue();
            long hundredths = new BigDecimal(row.get("units").toString()).movePointRight(2).longValueExact();
            if (amount != 0 || hundredths != 0) {
                rows.put((String) row.get("key"), List.of(amount, hundredths));
            }
        }
        return rows;
    }

    /** INT-4 SAL-4: monthly statistics and the annual summary, each section against a sale-by-sale recount. */
    private void checkBreakdown(List<Sale> raw, Level level, String unit, String report, String param, String value,
            LocalDate from, LocalDate to) throws Exception {
        String body = mvc.perform(get("/api/hq/reports/" + report).header("Authorization", HQ)
                        .param("level", level.name()).param("unitId", unit).param(param, value))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Map<String, List<Long>> total = new HashMap<>();
        Map<String, List<Long>> byMonth = new HashMap<>();
        Map<String, List<Long>> byModel = new HashMap<>();
        Map<String, List<Long>> bySegment = new HashMap<>();
        Map<String, List<Long>> byCategory = new HashMap<>();
        Map<String, List<Long>> byChild = new HashMap<>();
        for (Sale s : raw) {
            long[] f = credit(s, level, unit);
            if (s.status() == SaleStatus.CANCELLED || s.saleDate().isBefore(from) || s.saleDate().isAfter(to) || f == null) {
                continue;
            }
            addTo(total, "total", f);
            addTo(byMonth, YearMonth.from(s.saleDate()).toString(), f);
            addTo(byModel, s.vehicle().model(), f);
            addTo(bySegment, s.segment().name(), f);
            addTo(byCategory, s.vehicle().category().name(), f);
            Level child = level.child();
            for (String childUnit : childrenCredited(s, level)) {
                addTo(byChild, childUnit, credit(s, child, childUnit));
            }
        }
        String what = report + " " + value + " " + level + " " + unit;
        Map<String, List<Long>> totalRow = new HashMap<>();
        long totalAmount = ((Number) JsonPath.read(body, "$.total.amountFen")).longValue();
        long totalUnits = new BigDecimal(JsonPath.read(body, "$.total.units").toString()).movePointRight(2).longValueExact();
        if (totalAmount != 0 || totalUnits != 0) {
            totalRow.put("total", List.of(totalAmount, totalUnits));
        }
        assertThat(totalRow).as(what + " total").isEqualTo(total);
        assertThat(rows(body, "byMonth")).as(what + " by month").isEqualTo(byMonth);
        assertThat(rows(body, "byModel")).as(what + " by model").isEqualTo(byModel);
        assertThat(rows(body, "bySegment")).as(what + " by segment").isEqualTo(bySegment);
        assertThat(rows(body, "byCategory")).as(what + " by vehicle category (CUS-4)").isEqualTo(byCategory);
        assertThat(rows(body, "byChild")).as(what + " by child unit").isEqualTo(byChild);
    }

    /**
     * INT-4 SAL-5: date ranges against the same calendar days a year earlier, month by month and in total: across the
     * year boundary for one segment, and the second half of February 2020 (to the 29th) for one model.
     */
    private void checkSamePeriod(List<Sale> raw, Level level, String unit) throws Exception {
        Segment segment = Segment.values()[Math.floorMod(unit.hashCode() + 1, 3)];
        String model = MODELS.get(Math.floorMod(unit.hashCode(), MODELS.size()));
        checkRange(raw, level, unit, LocalDate.of(2019, 12, 10), LocalDate.of(2020, 1, 20), "segment", segment.name(),
                s -> s.segment() == segment);
        checkRange(raw, level, unit, LocalDate.of(2020, 2, 15), LocalDate.of(2020, 2, 29), "model", model,
                s -> s.vehicle().model().equals(model));
        checkRange(raw, level, unit, LocalDate.of(2020, 11, 3), LocalDate.of(2020, 12, 31), "model", "",
                s -> true);
    }

    private void checkRange(List<Sale> raw, Level level, String unit, LocalDate from, LocalDate to, String param, String value,
            Predicate<Sale> filter) throws Exception {
        String body = mvc.perform(get("/api/hq/reports/year-over-year").header("Authorization", HQ)
                        .param("level", level.name()).param("unitId", unit).param("from", from.toString())
                        .param("to", to.toString()).param(param, value))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String what = "YoY " + from + ".." + to + " " + param + "=" + value + " " + level + " " + unit;
        List<Map<String, Object>> months = JsonPath.read(body, "$.months");
        long currentTotal = 0;
        long previousTotal = 0;
        for (Map<String, Object> month : months) {
            LocalDate mFrom = LocalDate.parse((String) month.get("from"));
            LocalDate mTo = LocalDate.parse((String) month.get("to"));
            LocalDate pFrom = LocalDate.parse((String) month.get("previousFrom"));
            LocalDate pTo = LocalDate.parse((String) month.get("previousTo"));
            assertThat(pFrom).as(what).isEqualTo(mFrom.minusYears(1));
            assertThat(pTo).as(what).isEqualTo(mTo.minusYears(1));
            long current = naive(raw, level, unit, mFrom, mTo, filter)[0];
            long previous = naive(raw, level, unit, pFrom, pTo, filter)[0];
            assertThat(((Number) month.get("currentFen")).longValue()).as(what + " " + mFrom).isEqualTo(current);
            assertThat(((Number) month.get("previousFen")).longValue()).as(what + " " + pFrom).isEqualTo(previous);
            currentTotal += current;
            previousTotal += previous;
        }
        assertThat(months.get(0).get("from")).isEqualTo(from.toString());
        assertThat(months.get(months.size() - 1).get("to")).isEqualTo(to.toString());
        assertThat(((Number) JsonPath.read(body, "$.total.currentFen")).longValue()).as(what)
                .isEqualTo(currentTotal).isEqualTo(naive(raw, level, unit, from, to, filter)[0]);
        assertThat(((Number) JsonPath.read(body, "$.total.previousFen")).longValue()).as(what)
                .isEqualTo(previousTotal).isEqualTo(naive(raw, level, unit, from.minusYears(1), to.minusYears(1), filter)[0]);
        assertThat(new BigDecimal(JsonPath.read(body, "$.total.currentUnits").toString())).as(what + " units")
                .isEqualByComparingTo(BigDecimal.valueOf(naive(raw, level, unit, from, to, filter)[1], 2));
    }

    private void checkAttainment(List<Sale> raw, Level level, String unit) throws Exception {
        String body = mvc.perform(get("/api/hq/reports/attainment").header("Authorization", HQ)
                        .param("level", level.name()).param("unitId", unit).param("asOf", "2020-08-15"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Predicate<Sale> all = s -> true;
        LocalDate asOf = LocalDate.of(2020, 8, 15);
        assertThat(((Number) JsonPath.read(body, "$.month.actualFen")).longValue()).as("%s %s August to the 15th", level, unit)
                .isEqualTo(naive(raw, level, unit, LocalDate.of(2020, 8, 1), asOf, all)[0]);
        assertThat(((Number) JsonPath.read(body, "$.quarterToDate.actualFen")).longValue()).as("%s %s Q3 to date", level, unit)
                .isEqualTo(naive(raw, level, unit, LocalDate.of(2020, 7, 1), asOf, all)[0]);
        assertThat(((Number) JsonPath.read(body, "$.yearToDate.actualFen")).longValue()).as("%s %s YTD", level, unit)
                .isEqualTo(naive(raw, level, unit, LocalDate.of(2020, 1, 1), asOf, all)[0]);
        assertThat(new BigDecimal(JsonPath.read(body, "$.yearToDate.units").toString())).as("%s %s YTD units", level, unit)
                .isEqualByComparingTo(BigDecimal.valueOf(naive(raw, level, unit, LocalDate.of(2020, 1, 1), asOf, all)[1], 2));
        assertThat(((Number) JsonPath.read(body, "$.months[6].actualFen")).longValue()).as("%s %s July", level, unit)
                .isEqualTo(naive(raw, level, unit, YearMonth.of(2020, 7), YearMonth.of(2020, 7), all)[0]);
    }

    private void checkYearOverYear(List<Sale> raw, Level level, String unit) throws Exception {
        Segment segment = Segment.values()[Math.floorMod(unit.hashCode(), 3)];
        String body = mvc.perform(get("/api/hq/reports/year-over-year").header("Authorization", HQ)
                        .param("level", level.name()).param("unitId", unit).param("year", "2020")
                        .param("fromMonth", "3").param("toMonth", "11").param("segment", segment.name()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Predicate<Sale> inSegment = s -> s.segment() == segment;
        for (int m = 3; m <= 11; m++) {
            assertThat(((Number) JsonPath.read(body, "$.months[" + (m - 3) + "].currentFen")).longValue())
                    .isEqualTo(naive(raw, level, unit, YearMonth.of(2020, m), YearMonth.of(2020, m), inSegment)[0]);
            assertThat(((Number) JsonPath.read(body, "$.months[" + (m - 3) + "].previousFen")).longValue())
                    .isEqualTo(naive(raw, level, unit, YearMonth.of(2019, m), YearMonth.of(2019, m), inSegment)[0]);
        }
        long current = naive(raw, level, unit, YearMonth.of(2020, 3), YearMonth.of(2020, 11), inSegment)[0];
        long previous = naive(raw, level, unit, YearMonth.of(2019, 3), YearMonth.of(2019, 11), inSegment)[0];
        assertThat(((Number) JsonPath.read(body, "$.total.currentFen")).longValue()).isEqualTo(current);
        assertThat(((Number) JsonPath.read(body, "$.total.previousFen")).longValue()).isEqualTo(previous);
        Object growth = JsonPath.read(body, "$.total.growthPercent");
        BigDecimal expected = previous == 0 ? null : BigDecimal.valueOf(current - previous).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(previous), 2, RoundingMode.HALF_UP);
        if (expected == null) {
            assertThat(growth).isNull();
        } else {
            assertThat(new BigDecimal(growth.toString())).isEqualByComparingTo(expected);
        }
    }

    private void checkMarketShare(List<Sale> raw) throws Exception {
        StringBuilder totals = new StringBuilder("[");
        Map<String, Long> market = new HashMap<>();
        for (String region : List.of("JIANGSU", "ZHEJIANG", "ANHUI")) {
            for (Segment segment : Segment.values()) {
                for (int m = 1; m <= 12; m++) {
                    long units = 200 + (region.length() * 37L + segment.ordinal() * 11L + m * 13L) % 300;
                    market.put(region + segment + m, units);
                    totals.append(totals.length() > 1 ? "," : "").append("""
                            {"regionId":"%s","segment":"%s","month":"2020-%02d","units":%d}""".formatted(region, segment, m, units));
                }
            }
        }
        mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content(totals.append("]").toString())).andExpect(status().isOk());
        String body = mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2020"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // other test classes may have added regions (with neither sales nor market figures in 2020)
        List<Map<String, Object>> lines = JsonPath.<List<Map<String, Object>>>read(body, "$.lines").stream()
                .filter(l -> List.of("JIANGSU", "ZHEJIANG", "ANHUI").contains(l.get("regionId"))).toList();
        assertThat(lines).hasSize(3 * 3 * 12);
        long ownTotal = 0;
        long marketTotal = 0;
        for (Map<String, Object> line : lines) {
            String region = (String) line.get("regionId");
            Segment segment = Segment.valueOf((String) line.get("segment"));
            YearMonth month = YearMonth.parse((String) line.get("month"));
            long own = naive(raw, Level.REGION, region, month, month, s -> s.segment() == segment)[1];
            long units = market.get(region + segment + month.getMonthValue());
            ownTotal += own;
            marketTotal += units;
            assertThat(new BigDecimal(line.get("ownUnits").toString())).isEqualByComparingTo(BigDecimal.valueOf(own, 2));
            assertThat(((Number) line.get("marketUnits")).longValue()).isEqualTo(units);
            assertThat(new BigDecimal(line.get("sharePercent").toString()))
                    .isEqualByComparingTo(BigDecimal.valueOf(own).divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP));
        }
        assertThat(new BigDecimal(JsonPath.read(body, "$.total.sharePercent").toString()))
                .isEqualByComparingTo(BigDecimal.valueOf(ownTotal).divide(BigDecimal.valueOf(marketTotal), 2, RoundingMode.HALF_UP));
    }

    // ---- redelivery ----------------------------------------------------------------------------------------------

    /** Publishes the records again as the relay would after a crash: same event, same headers, a new offset. */
    private void republish(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }
    }

    private void awaitConsumerCaughtUp() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Set<TopicPartition> partitions = new HashSet<>();
                for (int p = 0; p < 3; p++) {
                    TopicPartition tp = new TopicPartition(SaleStore.TOPIC, p);
                    latest.put(tp, OffsetSpec.latest());
                    partitions.add(tp);
                }
                var ends = admin.listOffsets(latest).all().get();
                return partitions.stream().allMatch(tp -> committed.get(tp) != null
                        && committed.get(tp).offset() >= ends.get(tp).offset());
            });
        }
    }
}
