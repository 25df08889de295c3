package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.domain.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules of the customer file aggregate, without Spring. */
class CustomerFileTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static final LocalDate VISIT = LocalDate.of(2026, 11, 20);

    static Customer incomplete() {
        return Customer.register("c1", "JS-NJ-01", "王伟", CustomerType.INDIVIDUAL, "13812345678", null, null, "zh-CN",
                VISIT, NOW);
    }

    static Vehicle passat() {
        return new Vehicle("1HGCM82633A004352", "Passat", VehicleCategory.PASSENGER_CAR, "苏A12345", VISIT);
    }

    @Test
    @DisplayName("CUS-2 the deadline is the end of visit date + 2 days in Asia/Shanghai (16:00 UTC), reached at that instant")
    void deadlineAtShanghaiMidnight() {
        Customer c = incomplete();
        assertThat(c.fileDeadline()).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
        assertThat(c.missing()).containsExactly("address", "vehicles");
        assertThat(c.isOverdueAt(Instant.parse("2026-11-22T15:59:59Z"))).isFalse();
        assertThat(c.isOverdueAt(Instant.parse("2026-11-22T16:00:00Z"))).isTrue();
    }

    @Test
    @DisplayName("CUS-2 an overdue file is reported exactly once, with what is missing")
    void reportedOnce() {
        Customer c = incomplete();
        Instant late = Instant.parse("2026-11-23T01:00:00Z");
        assertThat(c.reportOverdue(Instant.parse("2026-11-22T15:59:59Z"))).isFalse();
        assertThat(c.reportOverdue(late)).isTrue();
        assertThat(c.reportOverdue(late.plusSeconds(3600))).isFalse();
        assertThat(c.recordedEvents()).filteredOn(e -> e instanceof CustomerEvents.CustomerFileOverdue)
                .singleElement()
                .satisfies(e -> assertThat(((CustomerEvents.CustomerFileOverdue) e).missing()).containsExactly("address", "vehicles"));
        assertThat(c.overdue()).isTrue();
    }

    @Test
    @DisplayName("CUS-2 completing the file (address + vehicle) clears the overdue mark and publishes complete=true")
    void completingClears() {
        Customer c = incomplete();
        c.reportOverdue(Instant.parse("2026-11-23T01:00:00Z"));
        c.updateDetails("王伟", CustomerType.INDIVIDUAL, "13812345678", null, "南京市鼓楼区中山路1号", "zh-CN", List.of("保养"),
                null, NOW);
        assertThat(c.complete()).isFalse();
        c.addVehicle(passat(), NOW);
        assertThat(c.complete()).isTrue();
        assertThat(c.overdue()).isFalse();
        assertThat(c.isOverdueAt(Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
        assertThat(c.recordedEvents()).last().isInstanceOfSatisfying(CustomerEvents.CustomerUpdated.class,
                e -> assertThat(e.complete()).isTrue());
    }

    @Test
    @DisplayName("CUS-1 a VIN already in the file is refused")
    void sameVinTwice() {
        Customer c = incomplete();
        c.addVehicle(passat(), NOW);
        assertThatThrownBy(() -> c.addVehicle(passat(), NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("CUS-9 a transferred vehicle leaves the old owner's vehicles for its history and joins the new owner's")
    void transfer() {
        Customer from = incomplete();
        from.addVehicle(passat(), NOW);
        Customer to = Customer.register("c2", "JS-NJ-01", "李娜", null, "13912345678", null, null, null, VISIT, NOW);
        Vehicle v = from.handOverVehicle("1HGCM82633A004352", "c2", LocalDate.of(2026, 11, 25), NOW);
        to.takeOverVehicle(v, "c1", LocalDate.of(2026, 11, 25), NOW);
        assertThat(from.vehicles()).isEmpty();
        assertThat(from.formerVehicles()).singleElement().satisfies(f -> assertThat(f.newOwnerCustomerId()).isEqualTo("c2"));
        assertThat(to.ownsVehicle("1HGCM82633A004352")).isTrue();
        assertThat(to.recordedEvents()).last().isInstanceOf(CustomerEvents.VehicleOwnershipTransferred.class);
    }

    @Test
    @DisplayName("CUS-6 merging retires one file (mobile and vehicles move) and the survivor records CustomersMerged")
    void merge() {
        Customer survivor = Customer.register("c0", "JS-NJ-01", "王伟", null, null, null, "南京", null, VISIT, NOW);
        Customer merged = incomplete();
        merged.addVehicle(passat(), NOW);
        String mobile = merged.mobile();
        List<Vehicle> vehicles = merged.vehicles();
        Customer retired = Customer.register("c9", "JS-NJ-01", "王伟", null, "13812345679", null, null, null, VISIT, NOW);
        retired.retireInto("c1", NOW);
        assertThat(retired.status()).isEqualTo(Customer.Status.MERGED);
        assertThat(retired.mobile()).isNull();
        assertThatThrownBy(() -> retired.addVehicle(passat(), NOW)).isInstanceOf(RuleViolation.class);
        survivor.absorb(merged, mobile, vehicles, NOW);
        assertThat(survivor.mobile()).isEqualTo("13812345678");
        assertThat(survivor.ownsVehicle("1HGCM82633A004352")).isTrue();
        assertThat(survivor.complete()).isTrue();
        assertThat(survivor.recordedEvents()).anyMatch(e -> e instanceof CustomerEvents.CustomersMerged m
                && m.survivingCustomerId().equals("c0") && m.mergedCustomerId().equals("c1"));
    }

    @Test
    @DisplayName("UI-3 a consultant is handed over only by the one who looks after the file; a merge keeps the survivor's, else takes the merged file's")
    void consultant() {
        Customer c = incomplete();
        c.recordedEvents().clear(); // CustomerRegistered
        assertThat(c.consultantId()).isNull();
        assertThat(c.handOverConsultant("sp-li", "sp-zhao", NOW)).isFalse();
        assertThat(c.assignConsultant("sp-li", NOW)).isTrue();
        assertThat(c.assignConsultant("sp-li", NOW)).isFalse();
        assertThat(c.handOverConsultant("sp-other", "sp-zhao", NOW)).isFalse();
        assertThat(c.handOverConsultant("sp-li", "sp-zhao", NOW)).isTrue();
        assertThat(c.consultantId()).isEqualTo("sp-zhao");
        assertThat(c.recordedEvents()).as("not an event: no other service keeps consultants").isEmpty();

        Customer survivor = Customer.register("c0", "JS-NJ-01", "王伟", null, null, null, "南京", null, VISIT, NOW);
        survivor.absorb(c, c.mobile(), c.vehicles(), NOW);
        assertThat(survivor.consultantId()).isEqualTo("sp-zhao");
        Customer another = Customer.register("c3", "JS-NJ-01", "王伟", null, null, null, null, null, VISIT, NOW);
        another.assignConsultant("sp-wang", NOW);
        survivor.absorb(another, null, List.of(), NOW);
        assertThat(survivor.consultantId()).isEqualTo("sp-zhao");
    }

    @Test
    @DisplayName("CUS-5 an opt-out revokes the channel once; an opt-out older than a later re-grant changes nothing")
    void optOut() {
        Customer c = incomplete();
        assertThat(c.consents()).containsEntry("SMS", true).containsEntry("EMAIL", false);
        assertThat(c.optOut(Channel.SMS, "SMS_REPLY", NOW, NOW)).isTrue();
        assertThat(c.optOut(Channel.SMS, "SMS_REPLY", NOW, NOW)).isFalse();
        assertThat(c.consents()).containsEntry("SMS", false);
        Instant regrant = NOW.plusSeconds(3600);
        c.changeContactPreferences(Map.of(Channel.SMS, true), null, null, "STAFF", regrant);
        assertThat(c.optOut(Channel.SMS, "SMS_REPLY", NOW, regrant.plusSeconds(1))).isFalse();
        assertThat(c.consents()).containsEntry("SMS", true);
    }

    @Test
    @DisplayName("CUS-3 classifying publishes only when the class changes")
    void classifyOnlyOnChange() {
        Customer c = incomplete();
        assertThat(c.classify(CustomerClass.OTHER, "v1", VISIT, VISIT, 0, 0, NOW)).isFalse();
        assertThat(c.classify(CustomerClass.VIP, "v1", VISIT, VISIT, 100_000_000, 1, NOW)).isTrue();
        assertThat(c.classify(CustomerClass.VIP, "v1", VISIT, VISIT, 100_000_000, 1, NOW)).isFalse();
        assertThat(c.recordedEvents()).filteredOn(e -> e instanceof CustomerEvents.CustomerClassified).hasSize(1);
    }
}
