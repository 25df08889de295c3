package org.dealerplatform.customer.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.classification.application.DailyReclassification;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ClassificationFromSalesTest {

    static final String TOPIC = "sales.sale.events";
    static final String EXAMPLE_SALE = "0193a1c0-1111-7aaa-8bbb-000000000001";
    static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    MockMvc mvc;
    @Autowired
    DailyReclassification daily;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    void sale(String type, String saleId, String customerId, long version, long amountFen, LocalDate date) {
        TestEvents.publishExample(brokers, TOPIC, type, saleId, version, "JS-NJ-01", Map.of(EXAMPLE_SALE, saleId,
                EXAMPLE_CUSTOMER, customerId, "\"amountFen\": 25980000", "\"amountFen\": " + amountFen,
                "\"amountFen\": 24980000", "\"amountFen\": " + amountFen, "\"saleDate\": \"2026-11-20\"",
                "\"saleDate\": \"" + date + "\""));
    }

    @Test
    @DisplayName("CUS-3 CUS-10 a 1,000,000-yuan sale makes a VIP, its cancellation undoes it; each change publishes CustomerClassified; the explanation lists the sales")
    void saleAndCancellation() throws Exception {
        String id = api.register(NANJING_SALES);
        String saleId = UUID.randomUUID().toString();
        sale("dealer.sales.SaleRecorded.v1", saleId, id, 1, 100_000_000, today().minusDays(3));
        sale("dealer.sales.SaleRecorded.v1", saleId, id, 1, 100_000_000, today().minusDays(3)); // redelivered
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("VIP"))
                        .andExpect(jsonPath("$.currentClass").value("VIP"))
                        .andExpect(jsonPath("$.purchaseAmountFen").value(100_000_000))
                        .andExpect(jsonPath("$.purchaseCount").value(1))
                        .andExpect(jsonPath("$.rule.version").value("2026-01-01"))
                        .andExpect(jsonPath("$.windowStart").value(today().minusMonths(12).plusDays(1).toString()))
                        .andExpect(jsonPath("$.countedSales[0].saleId").value(saleId)));

        sale("dealer.sales.SaleCancelled.v1", saleId, id, 2, 100_000_000, today().minusDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("OTHER"))
                        .andExpect(jsonPath("$.purchaseCount").value(0)));

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> classified = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.CustomerClassified.v1").test(r), 2, Duration.ofSeconds(15));
            assertThat(classified).hasSize(2);
            classified.forEach(r -> EventContracts.assertConforms("dealer.customers.CustomerClassified.v1", TopicProbe.value(r)));
            assertThat(TopicProbe.value(classified.get(0))).contains("\"previousClass\":\"OTHER\"").contains("\"newClass\":\"VIP\"");
            assertThat(TopicProbe.value(classified.get(1))).contains("\"previousClass\":\"VIP\"").contains("\"newClass\":\"OTHER\"");
        }
    }

    @Test
    @DisplayName("CUS-3 a correction re-evaluates the class; a sale exactly 12 months old does not count; the daily pass is idempotent")
    void correctionAndWindow() throws Exception {
        String id = api.register(NANJING_SALES);
        String saleId = UUID.randomUUID().toString();
        sale("dealer.sales.SaleRecorded.v1", UUID.randomUUID().toString(), id, 1, 500_000_000, today().minusMonths(12));
        sale("dealer.sales.SaleRecorded.v1", saleId, id, 1, 10_000_000, today());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("SECOND_CLASS"))
                        .andExpect(jsonPath("$.countedSales.length()").value(1)));
        sale("dealer.sales.SaleCorrected.v1", saleId, id, 2, 30_000_000, today());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("FIRST_CLASS"))
                        .andExpect(jsonPath("$.purchaseAmountFen").value(30_000_000)));
        daily.run();
        mvc.perform(get("/api/customers/" + id + "/classification").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.storedClass").value("FIRST_CLASS"));
        mvc.perform(get("/api/customers").param("class", "FIRST_CLASS").param("size", "200").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.content[?(@.id == '" + id + "')]").exists());
    }

    @Test
    @DisplayName("INT-2 a Nanjing sale naming a Hangzhou customer is refused as a permanent error: dead-lettered, and the customer's class is unchanged")
    void foreignBranchSaleIsDeadLettered() throws Exception {
        String hangzhouCustomer = api.register(CustomerApi.HANGZHOU_SALES);
        String saleId = UUID.randomUUID().toString();
        try (TopicProbe dlt = new TopicProbe(brokers, TOPIC + ".customer-service.dlt")) {
            sale("dealer.sales.SaleRecorded.v1", saleId, hangzhouCustomer, 1, 150_000_000, today().minusDays(1));

            List<ConsumerRecord<String, byte[]>> dead = dlt.await(r -> saleId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-exception-fqcn")).contains("ForeignBranchEffectException");
        }
        mvc.perform(get("/api/customers/" + hangzhouCustomer + "/classification").header("Authorization", CustomerApi.HANGZHOU_SALES))
                .andExpect(jsonPath("$.storedClass").value("OTHER"))
                .andExpect(jsonPath("$.purchaseCount").value(0));
    }

    @Test
    @DisplayName("INT-2 INT-1 a Hangzhou sale naming a Nanjing customer counts for the customer's class when Hangzhou served the customer after an audited exact lookup")
    void servedAtBranchSaleCounts() throws Exception {
        String mobile = CustomerApi.mobile();
        String nanjingCustomer = api.register(NANJING_SALES, "王伟", mobile, "南京市鼓楼区中山路1号", today());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/customers/serve-at-branch")
                        .header("Authorization", CustomerApi.HANGZHOU_SALES)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"mobile\":\"" + mobile + "\",\"purpose\":\"SALE\"}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
        String saleId = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, TOPIC, "dealer.sales.SaleRecorded.v1", saleId, 1, "ZJ-HZ-01", Map.of(
                EXAMPLE_SALE, saleId, EXAMPLE_CUSTOMER, nanjingCustomer, "\"amountFen\": 25980000", "\"amountFen\": 100000000",
                "\"saleDate\": \"2026-11-20\"", "\"saleDate\": \"" + today() + "\"", "\"JS-NJ-01\"", "\"ZJ-HZ-01\"",
                "\"JIANGSU\"", "\"ZHEJIANG\""));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + nanjingCustomer + "/classification").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.storedClass").value("VIP"))
                        .andExpect(jsonPath("$.countedSales[0].saleId").value(saleId)));
    }

    @Autowired
    org.dealerplatform.customer.classification.application.PurchasesFromSales purchases;
    @Autowired
    org.dealerplatform.customer.classification.persistence.PurchaseLedger ledger;

    @Test
    @DisplayName("REL-2 a correction moving a sale to another customer, half applied (ledger written, old customer not re-evaluated), is completed by its replay")
    void halfAppliedCorrectionIsCompletedByItsReplay() throws Exception {
        String from = api.register(NANJING_SALES);
        String to = api.register(NANJING_SALES);
        String saleId = UUID.randomUUID().toString();
        org.dealerplatform.customer.classification.persistence.PurchaseLedger.Sale recorded =
                new org.dealerplatform.customer.classification.persistence.PurchaseLedger.Sale(saleId, from, "JS-NJ-01",
                        100_000_000, today().minusDays(2), "LSVAU2180N2183294", "Passat 330TSI", "INDIVIDUAL");
        purchases.recordedOrCorrected(recorded, UUID.randomUUID().toString(), 1);
        mvc.perform(get("/api/customers/" + from + "/classification").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.storedClass").value("VIP"));
        // the correction to the other customer reached the ledger, then the consumer failed (dead letter)
        org.dealerplatform.customer.classification.persistence.PurchaseLedger.Sale corrected =
                new org.dealerplatform.customer.classification.persistence.PurchaseLedger.Sale(saleId, to, "JS-NJ-01",
                        100_000_000, today().minusDays(2), "LSVAU2180N2183294", "Passat 330TSI", "INDIVIDUAL");
        String eventId = UUID.randomUUID().toString();
        ledger.recordOrCorrect(corrected, eventId, 2);
        // the replay (a new offset, the same event)
        purchases.recordedOrCorrected(corrected, eventId, 2);
        mvc.perform(get("/api/customers/" + from + "/classification").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.storedClass").value("OTHER"));
        mvc.perform(get("/api/customers/" + to + "/classification").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.storedClass").value("VIP"));
    }
}
