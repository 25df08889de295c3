package org.dealerplatform.aftersales.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.dealerplatform.platform.domain.RuleViolation;

class ServicedVehicleTest {

    static final String VIN = "1HGCM82633A004352";
    static final LocalDate BOUGHT = LocalDate.of(2026, 1, 1);
    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    static ServicedVehicle bought() {
        return ServicedVehicle.register(VIN, "JS-NJ-01", "cust-1", "Passat 330TSI", VehicleCategory.PASSENGER_CAR, null,
                BOUGHT, MaintenancePlanCatalogue.defaults());
    }

    static ServiceRecord service(String id, LocalDate date, long km) {
        return job(id, JobType.MAINTENANCE, date, km);
    }

    static ServiceRecord job(String id, JobType type, LocalDate date, long km) {
        return new ServiceRecord(id, "JS-NJ-01", type, date, km, List.of("oil change"), 45_000, 20_000, "tech-chen");
    }

    @Test
    @DisplayName("AFT-2 a new vehicle is first due 6 months after purchase; a service recomputes and publishes MaintenanceRecorded")
    void serviceRecomputes() {
        ServicedVehicle vehicle = bought();
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        vehicle.recordService(service("wo-1", LocalDate.of(2026, 6, 1), 4_000), null, NOW);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2027, 6, 1));
        assertThat(vehicle.nextDueMileageKm()).isEqualTo(14_000);
        assertThat(vehicle.recordedEvents()).singleElement().isInstanceOfSatisfying(VehicleEvents.MaintenanceRecorded.class,
                e -> {
                    assertThat(e.customerId()).isEqualTo("cust-1");
                    assertThat(e.partsFen()).isEqualTo(45_000);
                    assertThat(e.nextDueDate()).isEqualTo(LocalDate.of(2027, 6, 1));
                });
    }

    @Test
    @DisplayName("AFT-1 the same work order recorded twice counts once")
    void sameWorkOrderOnce() {
        ServicedVehicle vehicle = bought();
        vehicle.recordService(service("wo-1", LocalDate.of(2026, 6, 1), 4_000), null, NOW);
        vehicle.recordService(service("wo-1", LocalDate.of(2026, 6, 1), 4_000), null, NOW);
        assertThat(vehicle.serviceCount()).isEqualTo(1);
        assertThat(vehicle.recordedEvents()).hasSize(1);
    }

    @Test
    @DisplayName("AFT-2 an odometer reading below an earlier one is refused")
    void odometerNeverRunsBackwards() {
        ServicedVehicle vehicle = bought();
        vehicle.recordMileage(LocalDate.of(2026, 3, 1), 3_000);
        assertThatThrownBy(() -> vehicle.recordMileage(LocalDate.of(2026, 4, 1), 2_000))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> vehicle.recordService(service("wo-2", LocalDate.of(2026, 2, 1), 3_500), null, NOW))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("AFT-3 MaintenanceDue is recorded once per due date, from the lead time on, never earlier")
    void remindsOncePerDueDate() {
        ServicedVehicle vehicle = bought(); // due 2026-07-01
        assertThat(vehicle.remindIfDue(LocalDate.of(2026, 6, 16), 14)).isFalse(); // 15 days before: too early
        assertThat(vehicle.remindIfDue(LocalDate.of(2026, 6, 17), 14)).isTrue(); // exactly 14 days before
        assertThat(vehicle.remindIfDue(LocalDate.of(2026, 6, 18), 14)).isFalse(); // already reminded
        assertThat(vehicle.reminderPending()).isFalse();
        assertThat(vehicle.recordedEvents()).singleElement().isInstanceOfSatisfying(VehicleEvents.MaintenanceDue.class,
                e -> {
                    assertThat(e.reasonKey()).isEqualTo("maintenance-due:" + VIN + ":2026-07-01");
                    assertThat(e.customerId()).isEqualTo("cust-1");
                    assertThat(e.dueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
                });

        vehicle.recordService(service("wo-1", LocalDate.of(2026, 6, 25), 4_000), null, NOW);
        assertThat(vehicle.reminderPending()).isTrue(); // a new due date: a new reminder later
    }

    @Test
    @DisplayName("AFT-3 a reading that moves the due date back to one already reminded does not remind it again")
    void noSecondReminderForSameDate() {
        ServicedVehicle vehicle = bought();
        assertThat(vehicle.remindIfDue(LocalDate.of(2026, 6, 20), 14)).isTrue();
        vehicle.overridePlan(new MaintenancePlan(3, 5_000, 12, 10_000));
        assertThat(vehicle.reminderPending()).isTrue();
        vehicle.overridePlan(null);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(vehicle.reminderPending()).isFalse();
    }

    @Test
    @DisplayName("CUS-9 after a transfer only the new owner is reminded; an older transfer arriving late changes nothing")
    void newOwnerOnly() {
        ServicedVehicle vehicle = bought();
        vehicle.transferTo("cust-2", LocalDate.of(2026, 5, 1));
        vehicle.transferTo("cust-0", LocalDate.of(2026, 4, 1)); // stale
        assertThat(vehicle.customerId()).isEqualTo("cust-2");
        vehicle.remindIfDue(LocalDate.of(2026, 6, 20), 14);
        assertThat(vehicle.recordedEvents()).singleElement()
                .isInstanceOfSatisfying(VehicleEvents.MaintenanceDue.class, e -> assertThat(e.customerId()).isEqualTo("cust-2"));

        // the customer file of the old owner re-describing the vehicle does not take it back
        vehicle.describe("cust-1", "Passat 330TSI", VehicleCategory.PASSENGER_CAR, null, BOUGHT,
                MaintenancePlanCatalogue.defaults());
        assertThat(vehicle.customerId()).isEqualTo("cust-2");
    }

    @Test
    @DisplayName("AFT-3 a vehicle without a known owner is never reminded")
    void noOwnerNoReminder() {
        ServicedVehicle vehicle = ServicedVehicle.register(VIN, "JS-NJ-01", null, null, null, null, BOUGHT,
                MaintenancePlanCatalogue.defaults());
        assertThat(vehicle.reminderPending()).isFalse();
        assertThat(vehicle.remindIfDue(LocalDate.of(2026, 7, 1), 14)).isFalse();
    }

    @Test
    @DisplayName("AFT-2 a plan override of a vehicle replaces its default; removing it returns to the default")
    void planOverride() {
        ServicedVehicle vehicle = bought();
        vehicle.overridePlan(new MaintenancePlan(3, 3_000, 6, 5_000));
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2026, 4, 1));
        vehicle.overridePlan(null);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    @DisplayName("CUS-6 a merged owner file hands the vehicle to the surviving file; other owners are untouched")
    void ownerMerged() {
        ServicedVehicle vehicle = bought();
        assertThat(vehicle.ownerMergedInto("someone-else", "cust-9")).isFalse();
        assertThat(vehicle.ownerMergedInto("cust-1", "cust-9")).isTrue();
        assertThat(vehicle.customerId()).isEqualTo("cust-9");
        assertThat(vehicle.ownerSince()).isEqualTo(BOUGHT);
    }

    @Test
    @DisplayName("AFT-2 a windscreen repair after a maintenance does not move the next due: only maintenance restarts the cycle")
    void repairKeepsTheCycle() {
        ServicedVehicle vehicle = bought();
        vehicle.recordService(service("wo-1", LocalDate.of(2026, 7, 1), 2_000), null, NOW);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2027, 7, 1));

        vehicle.recordService(job("wo-2", JobType.REPAIR, LocalDate.of(2026, 11, 20), 3_000), null, NOW);

        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2027, 7, 1));
        assertThat(vehicle.nextDueMileageKm()).isEqualTo(12_000);
        assertThat(vehicle.lastMaintenanceDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(vehicle.lastServiceDate()).isEqualTo(LocalDate.of(2026, 11, 20)); // the last visit, for audiences
        assertThat(vehicle.serviceCount()).isEqualTo(2);
        assertThat(vehicle.maintenanceCount()).isEqualTo(1);
        assertThat(vehicle.recordedEvents()).last().isInstanceOfSatisfying(VehicleEvents.MaintenanceRecorded.class, e -> {
            assertThat(e.jobType()).isEqualTo(JobType.REPAIR);
            assertThat(e.nextDueDate()).isEqualTo(LocalDate.of(2027, 7, 1));
        });
    }

    @Test
    @DisplayName("AFT-2 the first-service interval holds until the first maintenance, whatever warranty, accident or other jobs came before")
    void firstIntervalUntilFirstMaintenance() {
        ServicedVehicle vehicle = bought(); // first due 2026-07-01 (6 months or 5,000 km)
        vehicle.recordService(job("wo-1", JobType.ACCIDENT, LocalDate.of(2026, 2, 1), 500), null, NOW);
        vehicle.recordService(job("wo-2", JobType.WARRANTY, LocalDate.of(2026, 3, 1), 1_000), null, NOW);
        vehicle.recordService(job("wo-3", JobType.OTHER, LocalDate.of(2026, 3, 2), 1_010), null, NOW);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(vehicle.nextDueMileageKm()).isEqualTo(5_000);
        assertThat(vehicle.lastMaintenanceDate()).isNull();

        vehicle.recordService(service("wo-4", LocalDate.of(2026, 6, 1), 2_500), null, NOW);
        assertThat(vehicle.nextDueDate()).isEqualTo(LocalDate.of(2027, 6, 1)); // now the regular 12 months
        assertThat(vehicle.nextDueMileageKm()).isEqualTo(12_500);
    }

    @Test
    @DisplayName("AFT-2 a repair's odometer still counts for the km-per-day projection of the next due")
    void repairMileageCountsForProjection() {
        ServicedVehicle vehicle = bought();
        vehicle.recordService(job("wo-1", JobType.REPAIR, LocalDate.of(2026, 3, 1), 4_000), null, NOW);
        // 4,000 km in 59 days: the first 5,000 km come in mid-March, long before the 6 months
        assertThat(vehicle.kmPerDay()).isGreaterThan(60);
        assertThat(vehicle.dueRule()).isEqualTo(NextDue.Rule.DISTANCE);
        assertThat(vehicle.nextDueMileageKm()).isEqualTo(5_000);
        assertThat(vehicle.nextDueDate()).isBetween(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 20));
    }
}
