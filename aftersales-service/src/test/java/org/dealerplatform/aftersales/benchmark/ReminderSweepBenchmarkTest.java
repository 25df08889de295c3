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
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * AFT-3 benchmark: vehicles examined per second by the reminder sweep over a large fleet, against a baseline in the
 * same run: a plain read of the same due vehicles through the same query and batches, without the sweep's work
 * (deciding, recording MaintenanceDue and the compare-and-set save). Run with
 * {@code mvn -o -pl aftersales-service test -Pbenchmark}; sizes via {@code -Dbench.vehicles=...}
 * {@code -Dbench.seedSeconds=...} {@code -Dbench.duePerMille=...}.
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
            for (int i = 0; i < 50_000 && seeded < target; i++, seeded++) {
                boolean isDue = seeded % 1000 < duePerMille;
                // due vehicles fall due within the lead time; the others from a month to two years later
                LocalDate dueDate = isDue ? TODAY.plusDays(seeded % (LEAD_DAYS + 1)) : TODAY.plusDays(30 + seeded % 700);
                due += isDue ? 1 : 0;
                chunk.add(Fixtures.fastDocument(ServicedVehicle.register(Fixtures.seededVin(prefix, seeded),
                        seeded % 2 == 0 ? Fixtures.NANJING : Fixtures.HANGZHOU, "cust-" + seeded, "Lavida",
                        VehicleCategory.PASSENGER_CAR, null, dueDate.minusMonths(6), plans)));
            }
            mongo.getCollection(VehicleStore.COLLECTION).insertMany(chunk);
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("%nseeded %,d vehicles (target %,d) in %.1f s; %,d due within %d days%n", seeded, target,
                seedSeconds, due, LEAD_DAYS);

        // baseline: the same query, order and batches, reading only
        Histogram baselineBatches = new Histogram(3_600_000L, 3);
        long examinedBaseline = 0;
        long baselineStart = System.nanoTime();
        LocalDate lastDate = null;
        String lastId = null;
        while (true) {
            Criteria criteria = Criteria.where("reminderPending").is(true).and("nextDueDate").lte(TODAY.plusDays(LEAD_DAYS));
            if (lastDate != null) {
                criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                        Criteria.where("nextDueDate").gt(lastDate),
                        new Criteria().andOperator(Criteria.where("nextDueDate").is(lastDate), Criteria.where("_id").gt(lastId))));
            }
            long batchStart = System.nanoTime();
            List<ServicedVehicle> batch = mongo.find(Query.query(criteria).with(Sort.by("nextDueDate", "_id")).limit(BATCH),
                    ServicedVehicle.class, VehicleStore.COLLECTION);
            baselineBatches.recordValue(Math.max(1, (System.nanoTime() - batchStart) / 1_000_000));
            examinedBaseline += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
            lastDate = batch.get(batch.size() - 1).nextDueDate();
            lastId = batch.get(batch.size() - 1).id();
        }
        double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;

        // the sweep, one batch per call so each batch's latency is recorded (reminded vehicles leave the pending set)
        MaintenanceDueSweep sweep = new MaintenanceDueSweep(store, calendar, LEAD_DAYS, BATCH, new SimpleMeterRegistry());
        Histogram sweepBatches = new Histogram(3_600_000L, 3);
        long examinedSweep = 0;
        long reminded = 0;
        long sweepStart = System.nanoTime();
        while (true) {
            SweepResult result = sweep.sweep(TODAY, 1);
            sweepBatches.recordValue(Math.max(1, result.millis()));
            examinedSweep += result.examined();
            reminded += result.reminded();
            if (result.examined() < BATCH) {
                break;
            }
        }
        double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;

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
    }
}
