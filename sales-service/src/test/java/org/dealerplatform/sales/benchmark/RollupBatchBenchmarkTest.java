package org.dealerplatform.sales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.dealerplatform.local.DurableH2Backend;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.sales.rollup.application.SaleRollup;
import org.dealerplatform.sales.rollup.messaging.SaleRollupListener;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 benchmark (not a test): N sale events ({@code -Dbenchmark.events}, default 2,000: recorded sales and one
 * correction in ten) pushed through the HQ roll-up consumer ({@link SaleRollupListener}) one event at a time, as
 * before, and in polls of {@code -Dbenchmark.poll} events (default 500, Kafka's {@code max.poll.records}) through the
 * batch handler, on the local runtime's embedded database ({@link DurableH2Backend}: BSON H2 on a file, committed
 * after every write command, as {@code run-local.sh} runs it), in the same run. Prints events per second of both and the ratio, and checks that both paths leave the
 * same figures in every cell. The two phases write to different years, so their cells are distinct but as many; the
 * batched phase runs second, on the larger database.
 *
 * <p>Run: {@code mvn -o -pl sales-service -am -Pbenchmark test -Dtest=RollupBatchBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class RollupBatchBenchmarkTest {

    static final int EVENTS = Integer.getInteger("benchmark.events", 2_000);
    static final int POLL = Integer.getInteger("benchmark.poll", 500);
    static final int PARTITIONS = 3;
    static final String[][] BRANCHES = {{"JS-NJ-01", "JIANGSU"}, {"JS-SZ-01", "JIANGSU"}, {"JS-WX-01", "JIANGSU"},
            {"ZJ-HZ-01", "ZHEJIANG"}, {"ZJ-NB-01", "ZHEJIANG"}, {"ZJ-WZ-01", "ZHEJIANG"}, {"AH-HF-01", "ANHUI"},
            {"AH-WH-01", "ANHUI"}, {"AH-BB-01", "ANHUI"}};
    static final String[][] MODELS = {{"Passat 330TSI", "PASSENGER_CAR"}, {"Lavida Plus", "PASSENGER_CAR"},
            {"Tiguan L", "SUV"}, {"Magotan", "PASSENGER_CAR"}, {"ID.4 CROZZ", "SUV"}, {"Sinotruk sprinkler 12t", "SPRINKLER"}};
    static final String[] SEGMENTS = {"INDIVIDUAL", "GROUP_COMPANY", "GOVERNMENT"};

    @TempDir
    Path dir;

    @Test
    void perEventVersusBatched() {
        MongoServer server = new MongoServer(new DurableH2Backend(dir.resolve("bench.mv.db").toString(), true));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoTemplate mongo = new MongoTemplate(client, "bench");
            SaleRollupListener listener = new SaleRollupListener(
                    new EventDispatcher(new EventReader(JsonMapper.builder().build()), new SimpleMeterRegistry()),
                    new SaleRollup(new RollupStore(mongo)));

            // warm-up of both paths on a year of its own
            List<IncomingEvent> warmUp = events(2030, 1_000, new Random(1));
            perEvent(warmUp.subList(0, 500), listener);
            polls(warmUp.subList(500, 1_000), listener, new ArrayList<>());

            List<IncomingEvent> perEventEvents = events(2031, EVENTS, new Random(2));
            List<IncomingEvent> batchedEvents = events(2032, EVENTS, new Random(2));
            double perEvent = perEvent(perEventEvents, listener);
            System.out.printf(Locale.ROOT, "BENCHMARK per event: %,.0f events/s%n", perEvent);
            List<Long> pollMillis = new ArrayList<>();
            double batched = polls(batchedEvents, listener, pollMillis);
            pollMillis.sort(null);

            Map<String, List<Long>> perEventCells = cells(mongo, RollupStore.CELLS, "2031");
            Map<String, List<Long>> batchedCells = cells(mongo, RollupStore.CELLS, "2032");
            Map<String, List<Long>> perEventDays = cells(mongo, RollupStore.DAYS, "2031");
            Map<String, List<Long>> batchedDays = cells(mongo, RollupStore.DAYS, "2032");
            boolean same = perEventCells.equals(batchedCells) && perEventDays.equals(batchedDays);
            System.out.println(String.format(Locale.ROOT, """

                    === HQ roll-up consumer, per event vs batched (issue 10), embedded database (BSON H2 on a file, commit per write command) ===
                    %,d sale events (one in ten a correction), %,d month cells and %,d day cells per phase
                    per event:        %,8.0f events/s
                    batched (poll %d): %,8.0f events/s   (a poll takes p50 %d ms, max %d ms)
                    batched / per event: %.1f×
                    same figures in every cell: %s
                    """, EVENTS, perEventCells.size(), perEventDays.size(), perEvent, POLL, batched,
                    pollMillis.get(pollMillis.size() / 2), pollMillis.get(pollMillis.size() - 1), batched / perEvent, same));
            assertThat(batchedCells).as("batched month cells equal the per-event ones").isEqualTo(perEventCells);
            assertThat(batchedDays).as("batched day cells equal the per-event ones").isEqualTo(perEventDays);
        } finally {
            server.shutdownNow();
        }
    }

    /** Events per second, one event at a time (the consumer before issue 10). */
    private static double perEvent(List<IncomingEvent> events, SaleRollupListener listener) {
        long start = System.nanoTime();
        events.forEach(listener::apply);
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Events per second in polls of {@link #POLL} through the batch handler; each poll's time in {@code pollMillis}. */
    private static double polls(List<IncomingEvent> events, SaleRollupListener listener, List<Long> pollMillis) {
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i += POLL) {
            long t = System.nanoTime();
            listener.applyAll(events.subList(i, Math.min(events.size(), i + POLL)));
            pollMillis.add((System.nanoTime() - t) / 1_000_000);
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The non-zero cells of one year, keyed by id without the year, so both phases compare cell by cell (a sale moved
     * out of a cell leaves a zero document on the per-event path; in a batch the moves of one poll are summed first).
     */
    private static Map<String, List<Long>> cells(MongoTemplate mongo, String collection, String year) {
        Map<String, List<Long>> cells = new HashMap<>();
        for (Document d : mongo.findAll(Document.class, collection)) {
            String id = d.getString("_id");
            boolean zero = ((Number) d.get("amountFen")).longValue() == 0 && ((Number) d.get("unitHundredths")).longValue() == 0;
            if (id.contains("|" + year + "-") && !zero) {
                cells.put(id.replace("|" + year + "-", "|YEAR-"), List.of(((Number) d.get("amountFen")).longValue(),
                        ((Number) d.get("unitHundredths")).longValue()));
            }
        }
        return cells;
    }

    /** Recorded sales in one month of {@code year}, each tenth event a correction of an earlier sale (version 2). */
    private static List<IncomingEvent> events(int year, int count, Random random) {
        List<IncomingEvent> events = new ArrayList<>(count);
        long[] offsets = new long[PARTITIONS];
        List<String> recorded = new ArrayList<>();
        Map<String, String[]> branchOf = new HashMap<>();
        for (int i = 0; i < count; i++) {
            boolean correction = i % 10 == 9 && recorded.size() > 20;
            String saleId;
            long version;
            String[] branch;
            if (correction) {
                saleId = recorded.remove(random.nextInt(recorded.size()));
                version = 2;
                branch = branchOf.get(saleId);
            } else {
                saleId = year + "-" + UUID.nameUUIDFromBytes((year + ":" + i).getBytes(StandardCharsets.UTF_8));
                version = 1;
                branch = BRANCHES[random.nextInt(BRANCHES.length)];
                recorded.add(saleId);
                branchOf.put(saleId, branch);
            }
            String[] model = MODELS[random.nextInt(MODELS.length)];
            String credits = random.nextBoolean()
                    ? "[{\"salespersonId\":\"%s-sp%d\",\"sharePercent\":100}]".formatted(branch[0], random.nextInt(3))
                    : "[{\"salespersonId\":\"%s-sp0\",\"sharePercent\":60},{\"salespersonId\":\"%s-sp1\",\"sharePercent\":40}]"
                            .formatted(branch[0], branch[0]);
            LocalDate day = LocalDate.of(year, 3, 1 + random.nextInt(31));
            String payload = """
                    {"saleId":"%s","branchId":"%s","regionId":"%s","customerId":"c-1","salespeople":%s,
                     "vehicle":{"vin":"LSVAU2180N1234567","model":"%s","category":"%s","plate":null},
                     "segment":"%s","amountFen":%d,"saleDate":"%s","recordedAt":"%s"}"""
                    .formatted(saleId, branch[0], branch[1], credits, model[0], model[1],
                            SEGMENTS[random.nextInt(SEGMENTS.length)], 8_000_000L + random.nextInt(32_000_000), day,
                            day + "T02:00:00Z");
            int partition = Math.floorMod(saleId.hashCode(), PARTITIONS);
            events.add(new IncomingEvent(UUID.randomUUID().toString(),
                    correction ? "dealer.sales.SaleCorrected.v1" : "dealer.sales.SaleRecorded.v1", "/sales-service",
                    saleId, Instant.now(), version, "corr", null, branch[0], null, payload.getBytes(StandardCharsets.UTF_8),
                    SaleRollupListener.TOPIC, partition, offsets[partition]++));
        }
        return events;
    }
}
