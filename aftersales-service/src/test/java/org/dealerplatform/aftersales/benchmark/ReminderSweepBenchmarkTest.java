package org.dealerplatform.aftersales.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.aftersales.reminder.SweepResult;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.DueDateIndex;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * AFT-3 benchmark: vehicles examined per second by the reminder sweep over a large fleet, against a baseline in the
 * same run: the same reads (the due days of the {@link DueDateIndex} and the listed vehicles by {@code _id}, in the same
 * batches), without the sweep's work (deciding, recording MaintenanceDue and the compare-and-set save). The fleet's
 * size must not matter: the sweep never reads a vehicle that is not due (issue 10: 1 M vehicles in ≤ 20 s). Run with
 * {@code mvn -o -pl aftersales-service test -Pbenchmark}; sizes via {@code -Dbench.vehicles=...}
 * {@code -Dbench.seedSeconds=...} {@code -Dbench.duePerMille=...}. Then it compares the save alone, bulk against one
 * write per vehicle, in alternating batches ({@code -Dbench.savePairs=...} vehicles each).
 */
@ServiceTest
@Tag("benchmark")
class ReminderSweepBenchmarkTest {

    static final LocalDate TODAY = LocalDate.of(2019, 3, 1);
    static final int LEAD_DAYS = 14;
    static final int BATCH = 1_000;

    @Autowired
    MongoTemplate mongo;
    @Autowired
    VehicleStore store;
    @Autowired
    BusinessCalendar calendar;

    @Test
    void sweepThroughput() {
        int target = Integer.getInteger("bench.vehicles", 1_000_000);
        long seedBudgetNanos = Long.getLong("bench.seedSeconds", 110L) * 1_000_000_000L;
        int duePerMille = Integer.getInteger("bench.duePerMille", 10);
        String prefix = Fixtures.runPrefix();
        MaintenancePlanCatalogue plans = MaintenancePlanCatalogue.defaults();

        long seedStart = System.nanoTime();
        int seeded = 0;
        int due = 0;
        while (seeded < target && System.nanoTime() - seedStart < seedBudgetNanos) {
            List<Document> chunk = new ArrayList<>(50_000);
            List<ServicedVehicle> vehicles = new ArrayList<>(50_000);
            for (int i = 0; i < 50_000 && seeded < target; i++, seeded++) {
                boolean isDue = seeded % 1000 < duePerMille;
                // due vehicles fall due within the lead time; the others from a month to two years later
                LocalDate dueDate = isDue ? TODAY.plusDays(seeded % (LEAD_DAYS + 1)) : TODAY.plusDays(30 + seeded % 700);
                due += isDue ? 1 : 0;
                ServicedVehicle vehicle = ServicedVehicle.register(Fixtures.seededVin(prefix, seeded),
                        seeded % 2 == 0 ? Fixtures.NANJING : Fixtures.HANGZHOU, "cust-" + seeded, "Lavida",
                        VehicleCategory.PASSENGER_CAR, null, dueDate.minusMonths(6), plans);
                vehicles.add(vehicle);
                chunk.add(Fixtures.fastDocument(vehicle));
            }
            store.dueDates().announce(vehicles); // what the store's bulk insert does before its write
            mongo.getCollection(VehicleStore.COLLECTION).insertMany(chunk);
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("%nseeded %,d vehicles (target %,d) in %.1f s; %,d due within %d days%n", seeded, target,
                seedSeconds, due, LEAD_DAYS);

        // baseline: the same reads as the sweep (the due days of the index, the listed vehicles by _id), no work
        Histogram baselineBatches = new Histogram(3_600_000L, 3);
        long examinedBaseline = 0;
        long baselineStart = System.nanoTime();
        DueDateIndex index = store.dueDates();
        List<String> listed = new ArrayList<>();
        for (LocalDate day = index.cursor().from(); !day.isAfter(TODAY.plusDays(LEAD_DAYS)); day = day.plusDays(1)) {
            listed.addAll(index.vinsDueOn(day));
        }
        for (int from = 0; from < listed.size(); from += BATCH) {
            long batchStart = System.nanoTime();
            examinedBaseline += store.findAllById(listed.subList(from, Math.min(listed.size(), from + BATCH))).size();
            baselineBatches.recordValue(Math.max(1, (System.nanoTime() - batchStart) / 1_000_000));
        }
        double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;

        // the sweep itself: the same reads, then decide + MaintenanceDue + compare-and-set save per due vehicle
        MaintenanceDueSweep sweep = new MaintenanceDueSweep(store, calendar, LEAD_DAYS, BATCH, new SimpleMeterRegistry());
        long sweepStart = System.nanoTime();
        SweepResult result = sweep.sweep(TODAY);
        double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
        long examinedSweep = result.examined();
        long reminded = result.reminded();
        Histogram sweepBatches = new Histogram(3_600_000L, 3);
        sweepBatches.recordValue(Math.max(1, result.millis() / Math.max(1, result.batches())));

        double baselineRate = examinedBaseline / baselineSeconds;
        double sweepRate = examinedSweep / sweepSeconds;
        System.out.printf("fleet: %,d vehicles, %,d due%n", seeded, due);
        System.out.printf("baseline (read the due vehicles, same query and batches, no work): %,d vehicles in %.2f s = %,.0f vehicles/s;"
                + " batch ms p50 %d p99 %d max %d%n", examinedBaseline, baselineSeconds, baselineRate,
                baselineBatches.getValueAtPercentile(50), baselineBatches.getValueAtPercentile(99), baselineBatches.getMaxValue());
        System.out.printf("sweep (decide + MaintenanceDue + compare-and-set save): %,d examined, %,d reminded in %.2f s = %,.0f vehicles/s;"
                + " batch ms p50 %d p99 %d max %d%n", examinedSweep, reminded, sweepSeconds, sweepRate,
                sweepBatches.getValueAtPercentile(50), sweepBatches.getValueAtPercentile(99), sweepBatches.getMaxValue());
        System.out.printf("ratio sweep/baseline = %.3f; whole fleet covered at %,.0f vehicles/s (fleet size / sweep time)%n%n",
                sweepRate / baselineRate, seeded / sweepSeconds);
        saveCost(prefix, plans, Integer.getInteger("bench.savePairs", 2_000));
    }

    /**
     * Issue 10, the save alone, A/B in one run: the same reminder saved as {@value #BATCH}-vehicle bulk compare-and-set
     * writes ({@code updateAll}, what the sweep does now) and as one compare-and-set write per vehicle ({@code update},
     * what it did before), batch by batch in alternation over two equal sets of due vehicles, so a machine whose load
     * drifts (the build machine is shared) weighs on both alike. The vehicles are stored without due-day entries, so
     * no sweep sees them.
     */
    void saveCost(String prefix, MaintenancePlanCatalogue plans, int pairs) {
        List<String> bulkVins = new ArrayList<>();
        List<String> singleVins = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        String own = Fixtures.runPrefix();
        while (own.equals(prefix)) {
            own = Fixtures.runPrefix();
        }
        for (int i = 0; i < 2 * pairs; i++) {
            String vin = Fixtures.seededVin(own, i);
            ServicedVehicle vehicle = ServicedVehicle.register(vin, Fixtures.NANJING, "cust-ab-" + i, "Lavida",
                    VehicleCategory.PASSENGER_CAR, null, TODAY.minusMonths(6), plans);
            documents.add(Fixtures.fastDocument(vehicle));
            (i % 2 == 0 ? bulkVins : singleVins).add(vin);
        }
        mongo.getCollection(VehicleStore.COLLECTION).insertMany(documents);
        long bulkNanos = 0;
        long singleNanos = 0;
        long bulkSaved = 0;
        long singleSaved = 0;
        for (int from = 0; from < pairs; from += BATCH) {
            int to = Math.min(pairs, from + BATCH);
            List<ServicedVehicle> bulk = reminded(bulkVins.subList(from, to));
            List<ServicedVehicle> single = reminded(singleVins.subList(from, to));
            long start = System.nanoTime();
            bulkSaved += store.updateAll(bulk).saved().size();
            bulkNanos += System.nanoTime() - start;
            start = System.nanoTime();
            for (ServicedVehicle vehicle : single) {
                store.update(vehicle);
                singleSaved++;
            }
            singleNanos += System.nanoTime() - start;
        }
        System.out.printf("save A/B (same run, batches alternating): bulk compare-and-set %,d vehicles in %.2f s = %.3f ms/vehicle;"
                + " one compare-and-set per vehicle %,d in %.2f s = %.3f ms/vehicle; bulk is %.1fx faster%n%n",
                bulkSaved, bulkNanos / 1e9, bulkNanos / 1e6 / Math.max(1, bulkSaved), singleSaved, singleNanos / 1e9,
                singleNanos / 1e6 / Math.max(1, singleSaved), (double) singleNanos / Math.max(1, bulkNanos));
    }

    private List<ServicedVehicle> reminded(List<String> vins) {
        List<ServicedVehicle> vehicles = store.findAllById(vins);
        vehicles.forEach(vehicle -> vehicle.remindIfDue(TODAY, LEAD_DAYS));
        return vehicles;
    }
}
