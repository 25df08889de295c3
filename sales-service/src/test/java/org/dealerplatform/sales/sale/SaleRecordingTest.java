package org.dealerplatform.sales.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_SALES;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.customerOf;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class SaleRecordingTest {

    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("SAL-1 SAL-11 recording, correcting and cancelling a sale publishes SaleRecorded, SaleCorrected and SaleCancelled matching their schemas, with an audit trail")
    void recordCorrectCancel() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String zhao = salesperson(mvc, "JS-NJ-01");
        double before = meters.counter("dealer.sales.recorded").count();
        String id = recordSale(mvc, NANJING_SALES, saleJson(customerOf("JS-NJ-01"), null, credit(li, 60) + "," + credit(zhao, 40), "Passat 330TSI",
                "INDIVIDUAL", 25_980_000, "2026-03-20"));
        assertThat(meters.counter("dealer.sales.recorded").count()).isEqualTo(before + 1);

        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", NANJING_SALES)).andExpect(status().isOk())
                .andExpect(jsonPath("$.branchId").value("JS-NJ-01"))
                .andExpect(jsonPath("$.regionId").value("JIANGSU"))
                .andExpect(jsonPath("$.salespeople[1].sharePercent").value(40))
                .andExpect(jsonPath("$.version").value(1));

        mvc.perform(post("/api/sales/sales/" + id + "/correct").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"customerId":"cust-JS-NJ-01","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"Passat 330TSI","category":"PASSENGER_CAR"},
                                 "segment":"INDIVIDUAL","amountFen":24980000,"saleDate":"2026-03-20","reason":"discount applied late","expectedVersion":1}"""
                                .formatted(credit(li, 100))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amountFen").value(24_980_000))
                .andExpect(jsonPath("$.changes[0].kind").value("CORRECTED"))
                .andExpect(jsonPath("$.changes[0].by").value("alice"))
                .andExpect(jsonPath("$.changes[0].reason").value("discount applied late"))
                .andExpect(jsonPath("$.changes[0].before.amountFen").value(25_980_000))
                .andExpect(jsonPath("$.changes[0].after.amountFen").value(24_980_000));

        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"customer withdrew\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.changes[1].kind").value("CANCELLED"));

        try (TopicProbe probe = new TopicProbe(brokers, SaleStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
            assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "dealer.sales.SaleRecorded.v1", "dealer.sales.SaleCorrected.v1", "dealer.sales.SaleCancelled.v1");
            for (ConsumerRecord<String, byte[]> record : records) {
                EventContracts.assertConforms(TopicProbe.header(record, "ce_type"), TopicProbe.value(record));
            }
            assertThat(TopicProbe.value(records.get(0))).contains("\"sharePercent\":60").contains("\"regionId\":\"JIANGSU\"");
        }
    }

    @Test
    @DisplayName("INT-1 a sale naming another branch's customer or an unknown one gets the same 422 on customerId and records nothing; a customer registered in customer-service becomes usable once the replica has it")
    void customerMustBeOfTheSalesBranch() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        long before = mongo.getCollection(SaleStore.COLLECTION).countDocuments();
        for (String customer : List.of(customerOf("ZJ-HZ-01"), java.util.UUID.randomUUID().toString())) {
            mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                            .content(saleJson(customer, null, credit(li, 100), "Phaeton", "INDIVIDUAL", 150_000_000, "2026-03-01")))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        }
        // HQ names the branch: the customer must be one of that branch too
        mvc.perform(post("/api/sales/sales").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(customerOf("ZJ-HZ-01"), "JS-NJ-01", credit(li, 100), "Phaeton", "INDIVIDUAL", 100, "2026-03-01")))
                .andExpect(status().isUnprocessableContent());
        assertThat(mongo.getCollection(SaleStore.COLLECTION).countDocuments()).isEqualTo(before);

        String fresh = java.util.UUID.randomUUID().toString();
        org.dealerplatform.test.TestEvents.publishExample(brokers, org.dealerplatform.sales.customer.messaging.CustomerEventsListener.TOPIC,
                "dealer.customers.CustomerRegistered.v1", fresh, 1, "JS-NJ-01",
                java.util.Map.of("0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b", fresh));
        await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content(saleJson(fresh, null, credit(li, 100), "Lavida", "INDIVIDUAL", 100,
                        "2026-03-01"))).andReturn().getResponse().getStatus() == 201);
    }

    @Test
    @DisplayName("SAL-11 shares must add up to 100% and credit salespeople of the sale's branch")
    void sharesMustAddUp() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String zhao = salesperson(mvc, "JS-NJ-01");
        String hangzhou = salesperson(mvc, "ZJ-HZ-01");
        mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(customerOf("JS-NJ-01"), null, credit(li, 60) + "," + credit(zhao, 30), "Lavida", "INDIVIDUAL", 100, "2026-03-01")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("salespeople"));
        mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(customerOf("JS-NJ-01"), null, credit(hangzhou, 100), "Lavida", "INDIVIDUAL", 100, "2026-03-01")))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("SAL-1 invalid sales are refused with a problem listing each field; a cancelled sale cannot change again")
    void validation() throws Exception {
        mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"salespeople\":[],\"vehicle\":{\"vin\":\"IOQ\",\"model\":\"\"},\"amountFen\":-5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("customerId")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("salespeople")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("vehicle.vin")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("amountFen")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("saleDate")));
        String li = salesperson(mvc, "JS-NJ-01");
        String id = recordSale(mvc, NANJING_SALES, saleJson(customerOf("JS-NJ-01"), null, credit(li, 100), "Lavida", "INDIVIDUAL", 100, "2026-03-01"));
        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"stale\",\"expectedVersion\":1}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/sales/sales").header("Authorization", DevTokens.bearer("sa", "JS-NJ-01", "SERVICE_ADVISOR"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(customerOf("JS-NJ-01"), null, credit(li, 100), "Lavida", "INDIVIDUAL", 100, "2026-03-01")))
                .andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("GW-2 SAL-1 another branch's sale answers 404, never appears in its searches and cannot be changed; HQ sees it")
    void branchIsolation() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String id = recordSale(mvc, NANJING_SALES, saleJson(customerOf("JS-NJ-01"), null, credit(li, 100), "Lavida", "INDIVIDUAL", 100, "2026-03-01"));
        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", HANGZHOU_SALES)).andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/sales").param("salespersonId", li).header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/sales/sales").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(saleJson(customerOf("JS-NJ-01"), "JS-NJ-01", credit(li, 100), "Lavida", "INDIVIDUAL", 100, "2026-03-01")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/sales/sales").param("salespersonId", li).header("Authorization", HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$.content[0].id").value(id));
    }
}
