package org.dealerplatform.aftersales.reminder.application;

import java.time.LocalDate;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.AftersalesProperties;
import org.dealerplatform.aftersales.reminder.SweepResult;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The reminder sweep (AFT-3): publishes {@code MaintenanceDue} for every vehicle whose due date lies within the lead
 * time, exactly once per vehicle and due date, to the vehicle's current owner (CUS-9).
 *
 * <p>It reads only vehicles with {@code reminderPending} and a due date up to the horizon, through the
 * {@code reminder_due} index, in batches ordered by (due date, VIN) with keyset paging, so a million vehicles cost only
 * the due ones. "Exactly once" needs no lock: the event is recorded on the vehicle document together with the due date
 * it reminds, in one compare-and-set write; a second instance or a re-run after a restart finds the vehicle no longer
 * pending, and a concurrent save makes one of the two writes fail (the loser skips the vehicle).
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
        long examined = 0;
        long remindedNow = 0;
        long contended = 0;
        int batches = 0;
        LocalDate lastDate = null;
        String lastId = null;
        while (batches < maxBatches) {
            Criteria due = Criteria.where("reminderPending").is(true).and("nextDueDate").lte(horizon);
            if (lastDate != null) {
                due = new Criteria().andOperator(due, new Criteria().orOperator(
                        Criteria.where("nextDueDate").gt(lastDate),
                        new Criteria().andOperator(Criteria.where("nextDueDate").is(lastDate), Criteria.where("_id").gt(lastId))));
            }
            List<ServicedVehicle> batch = vehicles.find(due, Sort.by("nextDueDate", "_id"), 0, batchSize);
            batches++;
            for (ServicedVehicle vehicle : batch) {
                examined++;
                if (vehicle.remindIfDue(today, leadDays)) {
                    try {
                        vehicles.update(vehicle);
                        remindedNow++;
                        reminded.increment();
                    } catch (ConcurrentModificationException savedMeanwhile) {
                        contended++;
                    }
                }
            }
            if (batch.size() < batchSize) {
                break;
            }
            ServicedVehicle last = batch.get(batch.size() - 1);
            lastDate = last.nextDueDate();
            lastId = last.id();
        }
        return new SweepResult(today, horizon, examined, remindedNow, contended, batches,
                (System.nanoTime() - started) / 1_000_000);
    }
}
