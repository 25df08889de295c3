package org.dealerplatform.customer.file;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.PendingEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every event type of the file, including its optional/null fields, serializes to its contract's schema. */
class CustomerEventContractsTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:15:30Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    final EventFactory events = new EventFactory(JsonMapper.builder().build(), "dealer.customers", Clock.systemUTC());

    void assertConforms(DomainEvent event) {
        PendingEvent pending = events.pending(event, "customers.customer.events", "c1", "JS-NJ-01", 1);
        EventContracts.assertConforms(pending.type(), pending.data());
    }

    @Test
    @DisplayName("CUS-1 CUS-2 CUS-3 CUS-5 CUS-6 CUS-9 SEC-9 every customer event, with nulls where allowed, matches its JSON Schema")
    void allEventsConform() {
        assertConforms(new CustomerEvents.CustomerRegistered("c1", "JS-NJ-01", "王伟", CustomerType.INDIVIDUAL, null,
                null, null, "zh-CN", null, NOW));
        assertConforms(new CustomerEvents.CustomerUpdated("c1", "JS-NJ-01", "王伟", CustomerType.GOVERNMENT, null, null,
                null, "en", false, NOW));
        assertConforms(new CustomerEvents.VehicleRegistered("c1", "JS-NJ-01", new CustomerEvents.VehicleData(
                "1M8GDM9AXKP042788", "HOWO", VehicleCategory.BULK_CEMENT_TRUCK, null), null, NOW));
        assertConforms(new CustomerEvents.VehicleOwnershipTransferred("1HGCM82633A004352", "c1", "c2", "JS-NJ-01", DAY, NOW));
        assertConforms(new CustomerEvents.ContactPreferencesChanged("c1", "JS-NJ-01", "zh-CN",
                Map.of("SMS", false, "EMAIL", true, "LETTER", false, "PHONE", true), List.of(Channel.EMAIL), "SMS_REPLY", NOW));
        assertConforms(new CustomerEvents.CustomerClassified("c1", "JS-NJ-01", null, CustomerClass.SECOND_CLASS,
                "2026-01-01", DAY.minusMonths(12).plusDays(1), DAY, 1, 1, NOW));
        assertConforms(new CustomerEvents.CustomersMerged("c1", "c2", "JS-NJ-01", NOW));
        assertConforms(new CustomerEvents.CustomerErased("c1", "JS-NJ-01", NOW));
        assertConforms(new CustomerEvents.CustomerFileOverdue("c1", "JS-NJ-01", DAY, FileDeadline.forVisit(DAY),
                List.of("mobile", "address", "vehicles")));
    }
}
