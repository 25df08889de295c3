package org.dealerplatform.aftersales.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaintenanceScheduleTest {

    static final MaintenancePlan PLAN = MaintenancePlan.PASSENGER; // 6 months / 5,000 km, then 12 months / 10,000 km
    static final LocalDate BOUGHT = LocalDate.of(2026, 1, 1);

    static OdometerReading at(LocalDate date, long km) {
        return new OdometerReading(date, km);
    }

    @Test
    @DisplayName("AFT-2 without any odometer history the time rule decides: first service 6 months after purchase")
    void timeRuleWithoutHistory() {
        NextDue due = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, List.of());
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(due.mileageKm()).isEqualTo(5_000);
        assertThat(due.rule()).isEqualTo(NextDue.Rule.TIME);
        assertThat(due.projectedKmDate()).isNull();
    }

    @Test
    @DisplayName("AFT-2 km reached before months: 100 km a day reaches 5,000 km long before 6 months")
    void kmBeforeMonths() {
        // 3,100 km after 31 days = 100 km/day; 1,900 km to go = 19 days
        NextDue due = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, List.of(at(LocalDate.of(2026, 2, 1), 3_100)));
        assertThat(due.rule()).isEqualTo(NextDue.Rule.DISTANCE);
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 2, 20));
        assertThat(due.mileageKm()).isEqualTo(5_000);
    }

    @Test
    @DisplayName("AFT-2 months before km: 10 km a day would need over a year for 5,000 km, so 6 months decide")
    void monthsBeforeKm() {
        NextDue due = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, List.of(at(LocalDate.of(2026, 3, 2), 600)));
        assertThat(due.rule()).isEqualTo(NextDue.Rule.TIME);
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(due.projectedKmDate()).isAfter(due.date());
    }

    @Test
    @DisplayName("AFT-2 boundary: km projected to the very day the months run out counts as the time rule")
    void sameDayIsTime() {
        // 181 days to 2026-07-01; 5,000 km / 181 days needs a reading that projects exactly that day
        NextDue due = MaintenanceSchedule.nextDue(new MaintenancePlan(6, 181, 12, 10_000), BOUGHT, null,
                List.of(at(LocalDate.of(2026, 1, 2), 1)));
        assertThat(due.projectedKmDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(due.rule()).isEqualTo(NextDue.Rule.TIME);
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    @DisplayName("AFT-2 a service done early restarts the cycle from the service with the regular interval")
    void serviceDoneEarly() {
        LocalDate serviced = LocalDate.of(2026, 3, 2); // 60 days after purchase, 1,800 km: 30 km/day
        OdometerReading service = at(serviced, 1_800);
        NextDue due = MaintenanceSchedule.nextDue(PLAN, BOUGHT, service, List.of(service));
        assertThat(due.mileageKm()).isEqualTo(11_800);
        // 10,000 km at 30 km/day = 334 days, before the 12 months (2027-03-02)
        assertThat(due.date()).isEqualTo(serviced.plusDays(334));
        assertThat(due.rule()).isEqualTo(NextDue.Rule.DISTANCE);

        OdometerReading lightUse = at(serviced, 300);
        NextDue light = MaintenanceSchedule.nextDue(PLAN, BOUGHT, lightUse, List.of(lightUse));
        assertThat(light.date()).isEqualTo(LocalDate.of(2027, 3, 2)); // 12 months after the early service, not 6 after purchase
        assertThat(light.rule()).isEqualTo(NextDue.Rule.TIME);
    }

    @Test
    @DisplayName("AFT-2 a reading that lowers the km per day moves the projected date later, and can hand over to the time rule")
    void readingLowersProjection() {
        List<OdometerReading> fast = List.of(at(LocalDate.of(2026, 2, 1), 3_100));
        NextDue before = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, fast);

        List<OdometerReading> slower = List.of(fast.get(0), at(LocalDate.of(2026, 4, 1), 3_300));
        NextDue after = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, slower);
        assertThat(MaintenanceSchedule.kmPerDay(BOUGHT, slower)).isLessThan(MaintenanceSchedule.kmPerDay(BOUGHT, fast));
        assertThat(after.date()).isAfter(before.date());
        assertThat(after.rule()).isEqualTo(NextDue.Rule.DISTANCE);

        List<OdometerReading> parked = List.of(fast.get(0), at(LocalDate.of(2026, 6, 1), 3_400));
        NextDue parkedDue = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, parked);
        assertThat(parkedDue.rule()).isEqualTo(NextDue.Rule.TIME);
        assertThat(parkedDue.date()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    @DisplayName("AFT-2 a reading that raises the km per day brings the due date forward")
    void readingRaisesProjection() {
        NextDue slow = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, List.of(at(LocalDate.of(2026, 3, 2), 600)));
        NextDue fast = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null,
                List.of(at(LocalDate.of(2026, 3, 2), 600), at(LocalDate.of(2026, 4, 1), 4_000)));
        assertThat(fast.date()).isBefore(slow.date());
        assertThat(fast.rule()).isEqualTo(NextDue.Rule.DISTANCE);
    }

    @Test
    @DisplayName("AFT-2 km already passed: due on the day the km were about reached (overdue), never before the cycle start")
    void kmAlreadyPassed() {
        NextDue due = MaintenanceSchedule.nextDue(PLAN, BOUGHT, null, List.of(at(LocalDate.of(2026, 3, 2), 6_000)));
        // 100 km/day; 5,000 km were reached 10 days before the reading
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 2, 20));
        assertThat(due.rule()).isEqualTo(NextDue.Rule.DISTANCE);
    }

    @Test
    @DisplayName("AFT-2 km per day come from the last year of history: years-old driving habits do not count")
    void rateWindow() {
        List<OdometerReading> history = List.of(at(LocalDate.of(2020, 1, 1), 0), at(LocalDate.of(2021, 1, 1), 50_000),
                at(LocalDate.of(2025, 1, 1), 60_000), at(LocalDate.of(2026, 1, 1), 63_650));
        assertThat(MaintenanceSchedule.kmPerDay(null, history)).isEqualTo(10.0);
        assertThat(MaintenanceSchedule.kmPerDay(null, List.of(at(LocalDate.of(2026, 1, 1), 100)))).isZero();
    }

    @Test
    @DisplayName("AFT-2 nothing dates a vehicle without purchase date or service: no due date")
    void noDates() {
        assertThat(MaintenanceSchedule.nextDue(PLAN, null, null, List.of())).isNull();
    }

    @Test
    @DisplayName("AFT-2 defaults per category and model: special-purpose vehicles are serviced sooner; a model plan wins")
    void catalogue() {
        MaintenancePlan passat = new MaintenancePlan(6, 7_500, 12, 15_000);
        MaintenancePlanCatalogue plans = new MaintenancePlanCatalogue(Map.of("Passat 330TSI", passat));
        assertThat(plans.planFor("Lavida", VehicleCategory.PASSENGER_CAR)).isEqualTo(MaintenancePlan.PASSENGER);
        assertThat(plans.planFor(null, VehicleCategory.TANK_CAR)).isEqualTo(MaintenancePlan.SPECIAL_PURPOSE);
        assertThat(plans.planFor(null, VehicleCategory.SPRINKLER)).isEqualTo(MaintenancePlan.SPECIAL_PURPOSE);
        assertThat(plans.planFor(null, VehicleCategory.COMMERCIAL)).isEqualTo(MaintenancePlan.COMMERCIAL);
        assertThat(plans.planFor("Passat 330TSI", VehicleCategory.PASSENGER_CAR)).isEqualTo(passat);

        NextDue tank = MaintenanceSchedule.nextDue(plans.planFor(null, VehicleCategory.TANK_CAR), BOUGHT, null, List.of());
        assertThat(tank.date()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(tank.mileageKm()).isEqualTo(3_000);
    }
}
