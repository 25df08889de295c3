package org.dealerplatform.aftersales.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The due-day index behind the reminder sweep (AFT-3, issue 10: the sweep reads only the due vehicles, by {@code _id}).
 * Each test sweeps its own year, long before the other tests' vehicles fall due.
 */
@ServiceTest
class DueDateIndexTest {

    static final int LEAD_DAYS = 14;
    final MaintenancePlanCatalogue plans = MaintenancePlanCatalogue.defaults();

    @Autowired
    MongoTemplate mongo;
    @Autowired
    VehicleStore store;
    @Autowired
    BusinessCalendar calendar;

    MaintenanceDueSweep sweep() {
        return new MaintenanceDueSweep(store, calendar, LEAD_DAYS, 1_000, new SimpleMeterRegistry());
    }

    ServicedVehicle vehicle(String vin, LocalDate purchased) {
        ServicedVehicle vehicle = ServicedVehicle.register(vin, Fixtures.NANJING, "cust-" + vin, "Lavida",
                VehicleCategory.PASSENGER_CAR, null, purchased, plans);
        vehicle.recordedEvents().clear();
        return vehicle;
    }

    @Test
    @DisplayName("AFT-3 a database written before the index: the first sweep indexes the pending vehicles once, then reminds the due ones")
    void buildsTheIndexOnce() {
        String vin = Fixtures.seededVin(Fixtures.runPrefix(), 1);
        ServicedVehicle old = vehicle(vin, LocalDate.of(2017, 9, 5));
        LocalDate due = old.nextDueDate();
        mongo.getCollection(VehicleStore.COLLECTION).insertOne(Fixtures.fastDocument(old)); // no index entry
        mongo.remove(new Query(), "vehicle_due_cursor"); // as before the index existed

        SweepResult result = sweep().sweep(due.minusDays(3));

        assertThat(store.dueDates().cursor().built()).isTrue();
        assertThat(result.reminded()).isGreaterThanOrEqualTo(1);
        assertThat(store.findById(vin).orElseThrow().reminderPending()).isFalse();
        assertThat(store.dueDates().vinsDueOn(due)).doesNotContain(vin);
    }

    @Test
    @DisplayName("AFT-3 a stale entry (the vehicle is due on another day) is dropped; the vehicle is reminded once, for its real day")
    void staleEntriesAreDropped() {
        String vin = Fixtures.seededVin(Fixtures.runPrefix(), 2);
        ServicedVehicle announcedOnly = vehicle(vin, LocalDate.of(2016, 3, 1));
        ServicedVehicle stored = vehicle(vin, LocalDate.of(2016, 3, 8));
        LocalDate staleDay = announcedOnly.nextDueDate();
        LocalDate realDay = stored.nextDueDate();
        assertThat(staleDay).isBefore(realDay);
        store.dueDates().announce(List.of(announcedOnly)); // e.g. a write that failed after its announcement
        store.insert(stored);
        assertThat(store.dueDates().vinsDueOn(staleDay)).contains(vin);

        SweepResult first = sweep().sweep(realDay.minusDays(1));
        SweepResult again = sweep().sweep(realDay.minusDays(1));

        assertThat(first.reminded()).isEqualTo(1);
        assertThat(again.reminded()).isZero();
        assertThat(store.dueDates().vinsDueOn(staleDay)).doesNotContain(vin);
        assertThat(store.dueDates().vinsDueOn(realDay)).doesNotContain(vin);
        assertThat(store.findById(vin).orElseThrow().remindedDueDates()).containsExactly(realDay);
    }

    @Test
    @DisplayName("AFT-3 a vehicle not due yet stays listed, and the next sweep starts no later than its day")
    void notDueYetStaysListed() {
        String vin = Fixtures.seededVin(Fixtures.runPrefix(), 3);
        ServicedVehicle later = vehicle(vin, LocalDate.of(2015, 1, 10));
        store.insert(later);
        LocalDate day = later.nextDueDate();

        SweepResult early = sweep().sweep(day.minusDays(LEAD_DAYS + 5));

        assertThat(early.reminded()).isZero();
        assertThat(store.dueDates().vinsDueOn(day)).contains(vin);
        assertThat(store.dueDates().cursor().from()).isBeforeOrEqualTo(day);
        assertThat(sweep().sweep(day.minusDays(LEAD_DAYS)).reminded()).isGreaterThanOrEqualTo(1);
        assertThat(store.findById(vin).orElseThrow().reminderPending()).isFalse();
    }

    @Test
    @DisplayName("AFT-3 issue 10 the batch's bulk compare-and-set: a vehicle saved by another writer after the sweep read it is "
            + "reported conflicted and not overwritten, the others of the batch are saved with their MaintenanceDue")
    void bulkSaveKeepsCompareAndSet() {
        String prefix = Fixtures.runPrefix();
        ServicedVehicle a = vehicle(Fixtures.seededVin(prefix, 4), LocalDate.of(2014, 2, 1));
        ServicedVehicle b = vehicle(Fixtures.seededVin(prefix, 5), LocalDate.of(2014, 2, 1));
        store.insert(a);
        store.insert(b);
        LocalDate today = a.nextDueDate().minusDays(1);
        ServicedVehicle staleA = store.findById(a.id()).orElseThrow();
        ServicedVehicle staleB = store.findById(b.id()).orElseThrow();
        ServicedVehicle meanwhile = store.findById(b.id()).orElseThrow();
        meanwhile.recordMileage(today, 1_000); // another writer saves b after the sweep read it
        store.update(meanwhile);

        assertThat(staleA.remindIfDue(today, LEAD_DAYS)).isTrue();
        assertThat(staleB.remindIfDue(today, LEAD_DAYS)).isTrue();
        var result = store.updateAll(List.of(staleA, staleB));

        assertThat(result.saved()).containsExactly(a.id());
        assertThat(result.conflicted()).containsExactly(b.id());
        assertThat(staleB.recordedEvents()).isNotEmpty(); // not committed: nothing cleared
        ServicedVehicle savedA = store.findById(a.id()).orElseThrow();
        ServicedVehicle keptB = store.findById(b.id()).orElseThrow();
        assertThat(savedA.reminderPending()).isFalse();
        assertThat(savedA.version()).isEqualTo(staleA.version() + 1);
        assertThat(keptB.lastKnownKm()).isEqualTo(1_000L); // the other writer's save stands
        assertThat(keptB.reminderPending()).isTrue();
        assertThat(keptB.remindedDueDates()).isEmpty();

        // the next sweep reminds b once, on top of the other writer's state
        assertThat(sweep().sweep(today).reminded()).isGreaterThanOrEqualTo(1);
        assertThat(store.findById(b.id()).orElseThrow().lastKnownKm()).isEqualTo(1_000L);
        assertThat(store.findById(b.id()).orElseThrow().remindedDueDates()).hasSize(1);
    }
}
