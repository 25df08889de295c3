package org.dealerplatform.aftersales.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ServicedVehicleFeedTest {

    static final String CUSTOMERS = "customers.customer.events";
    static final String SALES = "sales.sale.events";
    static final String EXAMPLE_VIN = "1HGCM82633A004352";
    static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";
    static final String EXAMPLE_NEW_OWNER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a70";
    static final String DUE = "dealer.aftersales.MaintenanceDue.v1";

    @Autowired
    VehicleStore vehicles;
    @Autowired
    MaintenanceDueSweep sweep;
    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    ServicedVehicle awaitVehicle(String vin, java.util.function.Predicate<ServicedVehicle> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> vehicles.findById(vin).orElse(null),
                v -> v != null && condition.test(v));
    }

    @Test
    @DisplayName("CUS-9 AFT-3 a registered vehicle is serviced for its owner; after a transfer only the new owner gets MaintenanceDue")
    void transferRemindsNewOwnerOnly() throws Exception {
        String vin = Fixtures.vin();
        String oldOwner = UUID.randomUUID().toString();
        String newOwner = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.VehicleRegistered.v1", oldOwner, 2,
                Fixtures.NANJING, Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, oldOwner));
        ServicedVehicle registered = awaitVehicle(vin, v -> oldOwner.equals(v.customerId()));
        assertThat(registered.purchaseDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(registered.nextDueDate()).isEqualTo(LocalDate.of(2027, 5, 20)); // first service: 6 months
        assertThat(registered.model()).isEqualTo("Passat 330TSI");

        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.VehicleOwnershipTransferred.v1", newOwner, 3,
                Fixtures.NANJING, Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, oldOwner, EXAMPLE_NEW_OWNER, newOwner));
        awaitVehicle(vin, v -> newOwner.equals(v.customerId()));

        try (TopicProbe probe = new TopicProbe(brokers, VehicleStore.TOPIC)) {
            sweep.sweep(LocalDate.of(2027, 5, 6)); // exactly 14 days before the due date
            List<ConsumerRecord<String, byte[]>> due = probe.await(
                    r -> vin.equals(r.key()) && DUE.equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(20));
            assertThat(due).hasSize(1);
            String json = TopicProbe.value(due.get(0));
            EventContracts.assertConforms(DUE, json);
            assertThat((String) JsonPath.read(json, "$.customerId")).isEqualTo(newOwner);
            assertThat((String) JsonPath.read(json, "$.reasonKey")).isEqualTo("maintenance-due:" + vin + ":2027-05-20");

            sweep.sweep(LocalDate.of(2027, 5, 7));
            assertThat(probe.settle(r -> vin.equals(r.key()) && DUE.equals(TopicProbe.header(r, "ce_type")),
                    Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    @DisplayName("CUS-9 a transfer that arrives before the registration (other partition) is not undone by it")
    void transferBeforeRegistration() {
        String vin = Fixtures.vin();
        String oldOwner = UUID.randomUUID().toString();
        String newOwner = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.VehicleOwnershipTransferred.v1", newOwner, 3,
                Fixtures.NANJING, Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, oldOwner, EXAMPLE_NEW_OWNER, newOwner));
        awaitVehicle(vin, v -> newOwner.equals(v.customerId()));
        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.VehicleRegistered.v1", oldOwner, 2,
                Fixtures.NANJING, Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, oldOwner));
        ServicedVehicle vehicle = awaitVehicle(vin, v -> "Passat 330TSI".equals(v.model()));
        assertThat(vehicle.customerId()).isEqualTo(newOwner);
        assertThat(vehicle.purchaseDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    @DisplayName("AFT-2 a sold vehicle becomes a serviced vehicle of the buyer from the sale date; a redelivered sale changes nothing")
    void saleMakesServicedVehicle() throws Exception {
        String vin = Fixtures.vin();
        String buyer = UUID.randomUUID().toString();
        String saleId = UUID.randomUUID().toString();
        Map<String, String> replacements = Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, buyer,
                "0193a1c0-1111-7aaa-8bbb-000000000001", saleId);
        TestEvents.publishExample(brokers, SALES, "dealer.sales.SaleRecorded.v1", saleId, 1, Fixtures.NANJING, replacements);
        ServicedVehicle sold = awaitVehicle(vin, v -> buyer.equals(v.customerId()));
        assertThat(sold.purchaseDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(sold.category()).isEqualTo(VehicleCategory.PASSENGER_CAR);

        TestEvents.publishExample(brokers, SALES, "dealer.sales.SaleRecorded.v1", saleId, 1, Fixtures.NANJING, replacements);
        // a later event of the same partition proves the duplicate was consumed
        String marker = Fixtures.vin();
        TestEvents.publishExample(brokers, SALES, "dealer.sales.SaleRecorded.v1", saleId, 2, Fixtures.NANJING,
                Map.of(EXAMPLE_VIN, marker, EXAMPLE_CUSTOMER, buyer, "0193a1c0-1111-7aaa-8bbb-000000000001", saleId + "-2"));
        awaitVehicle(marker, v -> true);
        assertThat(vehicles.findById(vin).orElseThrow().version()).isEqualTo(sold.version());

        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(buyer))
                .andExpect(jsonPath("$.nextDueDate").value("2027-05-20"))
                .andExpect(jsonPath("$.plan.firstKm").value(5000));
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/aftersales/vehicles").param("customerId", buyer).header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/aftersales/vehicles").param("customerId", buyer).header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(2));
    }

    @Test
    @DisplayName("CUS-6 CUS-9 when two customer files are merged, the merged file's vehicles are reminded to the surviving file")
    void mergeMovesVehicles() {
        String vin = Fixtures.vin();
        String merged = UUID.randomUUID().toString();
        String surviving = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.VehicleRegistered.v1", merged, 2,
                Fixtures.NANJING, Map.of(EXAMPLE_VIN, vin, EXAMPLE_CUSTOMER, merged));
        awaitVehicle(vin, v -> merged.equals(v.customerId()));
        TestEvents.publishExample(brokers, CUSTOMERS, "dealer.customers.CustomersMerged.v1", surviving, 5,
                Fixtures.NANJING, Map.of(EXAMPLE_CUSTOMER, surviving, "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a99", merged));
        ServicedVehicle moved = awaitVehicle(vin, v -> surviving.equals(v.customerId()));
        assertThat(moved.ownerSince()).isEqualTo(LocalDate.of(2026, 11, 20));
    }
}
