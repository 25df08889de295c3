package org.dealerplatform.aftersales.reminder.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.AftersalesProperties;
import org.dealerplatform.aftersales.reminder.SweepResult;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.persistence.DueDateIndex;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The reminder sweep (AFT-3): publishes {@code MaintenanceDue} for every vehicle whose due date lies within the lead
 * time, exactly once per vehicle and due date, to the vehicle's current owner (CUS-9).
 *
 * <p>It reads only the vehicles listed under the days from the index's cursor up to the horizon ({@link DueDateIndex},
 * {@code _id} lookups only), in batches of VINs, so a million vehicles cost only the due ones, on the embedded server
 * too; a vehicle listed under a day it is no longer due on is dropped from that day. "Exactly once" needs no lock: the event is recorded on the vehicle document together with the due date
 * it reminds, in one compare-and-set write; a second instance or a re-run after a restart finds the vehicle no longer
 * pending, and a concurrent save makes one of the two writes fail (the loser skips the vehicle). The saves of a batch
 * go to the database in one unordered bulk write ({@code AggregateStore.updateAll}, issue 10): each is still its own
 * compare-and-set, so a crash mid-batch leaves every vehicle either reminded with its event or still pending.
 */
@Component
public class MaintenanceDueSweep {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceDueSweep.class);

    private final VehicleStore vehicles;
    private final BusinessCalendar calendar;
    private final int leadDays;
    private final int batchSize;
    private final Counter reminded;

    @Autowired
    public MaintenanceDueSweep(VehicleStore vehicles, BusinessCalendar calendar, AftersalesProperties properties,
            MeterRegistry meters) {
        this(vehicles, calendar, properties.reminders().leadDays(), properties.reminders().batchSize(), meters);
    }

    public MaintenanceDueSweep(VehicleStore vehicles, BusinessCalendar calendar, int leadDays, int batchSize,
            MeterRegistry meters) {
        this.vehicles = vehicles;
        this.calendar = calendar;
        this.leadDays = leadDays;
        this.batchSize = batchSize;
        this.reminded = Counter.builder("dealer.aftersales.reminders.due")
                .description("MaintenanceDue reminders recorded by the sweep").register(meters);
    }

    public SweepResult sweep(LocalDate today) {
        return sweep(today, Integer.MAX_VALUE);
    }

    /** Runs at most {@code maxBatches} batches (a test's stand-in for a crash part-way). */
    public SweepResult sweep(LocalDate today, int maxBatches) {
        long started = System.nanoTime();
        LocalDate horizon = today.plusDays(leadDays);
        DueDateIndex index = vehicles.dueDates();
        DueDateIndex.Cursor cursor = index.cursor();
        if (!cursor.built()) {
            log.info("indexed {} vehicles with a pending reminder by due day (once, for data from before the index)",
                    vehicles.buildDueDateIndex());
            cursor = index.cursor();
        }
        Pass pass = new Pass(today, index);
        List<Listed> batch = new ArrayList<>(batchSize);
        boolean stopped = false;
        LocalDate day = cursor.from();
        days:
        for (; day != null && !day.isAfter(horizon); day = day.plusDays(1)) {
            for (String vin : index.vinsDueOn(day)) {
                batch.add(new Listed(day, vin));
                if (batch.size() == batchSize) {
                    if (pass.batches == maxBatches) {
                        stopped = true;
                        break days;
                    }
                    pass.run(batch);
                    batch.clear();
                }
            }
        }
        if (!stopped && !batch.isEmpty() && pass.batches < maxBatches) {
            pass.run(batch);
            batch.clear();
        }
        if (!batch.isEmpty()) {
            pass.left(batch.get(0).day()); // not reached: the next sweep starts there
        }
        LocalDate next = pass.firstLeft != null ? pass.firstLeft : day;
        if (next != null && !next.equals(cursor.from())) {
            index.advance(cursor, next);
        }
        return new SweepResult(today, horizon, pass.examined, pass.reminded, pass.contended, pass.batches,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A VIN the index lists under a day. */
    private record Listed(LocalDate day, String vin) {
    }

    /** One sweep's batches and counts. */
    private final class Pass {
        final LocalDate today;
        final DueDateIndex index;
        long examined;
        long reminded;
        long contended;
        int batches;
        LocalDate firstLeft;

        Pass(LocalDate today, DueDateIndex index) {
            this.today = today;
            this.index = index;
        }

        void run(List<Listed> batch) {
            batches++;
            Map<String, ServicedVehicle> found = new HashMap<>();
            for (ServicedVehicle vehicle : vehicles.findAllById(batch.stream().map(Listed::vin).toList())) {
                found.put(vehicle.id(), vehicle);
            }
            Map<LocalDate, List<String>> done = new TreeMap<>();
            List<ServicedVehicle> toSave = new ArrayList<>(batch.size());
            Map<String, LocalDate> dayOf = new HashMap<>();
            for (Listed listed : batch) {
                ServicedVehicle vehicle = found.get(listed.vin());
                if (vehicle == null || !vehicle.reminderPending() || !listed.day().equals(vehicle.nextDueDate())
                        || dayOf.containsKey(listed.vin())) {
                    // a stale entry: the vehicle moved to another day, was reminded, or its write never happened
                    done.computeIfAbsent(listed.day(), d -> new ArrayList<>()).add(listed.vin());
                    continue;
                }
                examined++;
                if (!vehicle.remindIfDue(today, leadDays)) {
                    left(listed.day());
                    continue;
                }
                toSave.add(vehicle);
                dayOf.put(vehicle.id(), listed.day());
            }
            // issue 10: one bulk write of compare-and-set saves per batch, each with its MaintenanceDue
            AggregateStore.BulkUpdate saved = vehicles.updateAll(toSave);
            for (String vin : saved.saved()) {
                reminded++;
                MaintenanceDueSweep.this.reminded.increment();
                done.computeIfAbsent(dayOf.get(vin), d -> new ArrayList<>()).add(vin);
            }
            for (String vin : saved.conflicted()) {
                contended++; // saved by another writer (or another sweep) meanwhile: looked at again next time
                left(dayOf.get(vin));
            }
            done.forEach(index::remove);
        }

        void left(LocalDate day) {
            if (firstLeft == null || day.isBefore(firstLeft)) {
                firstLeft = day;
            }
        }
    }
}
