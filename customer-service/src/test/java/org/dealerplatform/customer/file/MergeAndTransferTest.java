package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class MergeAndTransferTest {

    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    @Test
    @DisplayName("CUS-6 merging two files of a branch moves mobile, vehicles and visits to the survivor and publishes CustomersMerged")
    void merge() throws Exception {
        String survivor = com.jayway.jsonpath.JsonPath.read(mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"王伟\",\"address\":\"南京\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        String mobile = CustomerApi.mobile();
        String duplicate = api.register(NANJING_SALES, "王伟(旧)", mobile, null, LocalDate.now().minusDays(30));
        String vin = api.addVehicle(NANJING_SALES, duplicate, CustomerApi.vin(), "PASSENGER_CAR", null);

        mvc.perform(post("/api/customers/" + survivor + "/merge").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + duplicate + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.vehicles[0].vin").value(vin))
                .andExpect(jsonPath("$.mobile").value(mobile))
                .andExpect(jsonPath("$.complete").value(true))
                .andExpect(jsonPath("$.firstVisitDate").value(LocalDate.now().minusDays(30).toString()))
                .andExpect(jsonPath("$.visits.length()").value(2));
        mvc.perform(get("/api/customers/" + duplicate).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.status").value("MERGED"))
                .andExpect(jsonPath("$.mergedInto").value(survivor))
                .andExpect(jsonPath("$.mobile").doesNotExist());
        mvc.perform(get("/api/customers").param("vin", vin).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1)).andExpect(jsonPath("$.content[0].id").value(survivor));
        // the merged-away file can no longer be changed, merging it again is refused
        mvc.perform(post("/api/customers/" + survivor + "/merge").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + duplicate + "\"}"))
                .andExpect(status().isUnprocessableContent());
        // the mobile number of the merged file now finds the survivor, and still cannot open a third file
        mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王伟\",\"mobile\":\"" + mobile + "\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.existing").value("/api/customers/" + survivor));

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> merged = probe.await(r -> survivor.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.CustomersMerged.v1").test(r), 1, Duration.ofSeconds(15));
            assertThat(merged).hasSize(1);
            EventContracts.assertConforms("dealer.customers.CustomersMerged.v1", TopicProbe.value(merged.get(0)));
            assertThat(TopicProbe.value(merged.get(0))).contains(duplicate);
        }
    }

    @Test
    @DisplayName("CUS-6 CUS-3 after a merge the merged-away file's purchases count for the survivor, also sales that arrive later with the old id")
    void purchasesFollowTheMerge() throws Exception {
        String survivor = api.register(NANJING_SALES);
        String duplicate = api.register(NANJING_SALES);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        java.util.function.Consumer<String> sale = saleId -> org.dealerplatform.test.TestEvents.publishExample(brokers,
                "sales.sale.events", "dealer.sales.SaleRecorded.v1", saleId, 1, "JS-NJ-01", java.util.Map.of(
                        "0193a1c0-1111-7aaa-8bbb-000000000001", saleId, "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b", duplicate,
                        "\"saleDate\": \"2026-11-20\"", "\"saleDate\": \"" + today + "\""));
        sale.accept(java.util.UUID.randomUUID().toString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + duplicate + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("SECOND_CLASS")));
        mvc.perform(post("/api/customers/" + survivor + "/merge").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + duplicate + "\"}"))
                .andExpect(status().isOk());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + survivor + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.purchaseCount").value(1))
                        .andExpect(jsonPath("$.storedClass").value("SECOND_CLASS")));
        sale.accept(java.util.UUID.randomUUID().toString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + survivor + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.purchaseCount").value(2))
                        .andExpect(jsonPath("$.storedClass").value("FIRST_CLASS")));
    }

    @Test
    @DisplayName("CUS-9 a vehicle transferred to another customer leaves the old owner's file and publishes VehicleOwnershipTransferred")
    void transfer() throws Exception {
        String seller = api.register(NANJING_SALES);
        String buyer = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, seller, CustomerApi.vin(), "SUV", CustomerApi.plate());

        mvc.perform(post("/api/customers/" + seller + "/vehicles/" + vin + "/transfer").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"toCustomerId\":\"" + buyer + "\",\"transferDate\":\"" + LocalDate.now() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(buyer))
                .andExpect(jsonPath("$.vehicles[0].vin").value(vin));
        mvc.perform(get("/api/customers/" + seller).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicles.length()").value(0))
                .andExpect(jsonPath("$.formerVehicles[0].vin").value(vin))
                .andExpect(jsonPath("$.formerVehicles[0].newOwnerCustomerId").value(buyer));
        // the seller no longer has it to transfer; the VIN still cannot be added to a third file
        mvc.perform(post("/api/customers/" + seller + "/vehicles/" + vin + "/transfer").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"toCustomerId\":\"" + buyer + "\"}"))
                .andExpect(status().isUnprocessableContent());
        String third = api.register(NANJING_SALES);
        mvc.perform(post("/api/customers/" + third + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"" + vin + "\",\"model\":\"Tiguan L\",\"category\":\"SUV\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.existing").value("/api/customers/" + buyer));

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> transferred = probe.await(r -> buyer.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.VehicleOwnershipTransferred.v1").test(r), 1, Duration.ofSeconds(15));
            assertThat(transferred).hasSize(1);
            EventContracts.assertConforms("dealer.customers.VehicleOwnershipTransferred.v1", TopicProbe.value(transferred.get(0)));
            assertThat(TopicProbe.value(transferred.get(0))).contains("\"fromCustomerId\":\"" + seller + "\"");
        }
    }
}
