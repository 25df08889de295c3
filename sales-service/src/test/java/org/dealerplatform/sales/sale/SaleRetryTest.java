package org.dealerplatform.sales.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class SaleRetryTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }


    private static final String NANJING_SALES_TOO = DevTokens.bearer("amy", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;

    private ResultActions post(String path, String auth, String key, String json) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(json);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private long salesOf(String json) {
        String customerId = JsonPath.read(json, "$.customerId");
        return mongo.count(Query.query(Criteria.where("customerId").is(customerId)), SaleStore.COLLECTION);
    }

    private String sale() throws Exception {
        // a customer of its own, so that counting the customer's sales counts this test's sales only
        String customer = org.dealerplatform.sales.SalesFixtures.customer(replica, "JS-NJ-01", null);
        return saleJson(customer, null, credit(salesperson(mvc, "JS-NJ-01"), 100), "Lavida", "INDIVIDUAL", 12_000_000,
                "2026-03-20");
    }

    @Test
    @DisplayName("REL-7 a sale retried with the same Idempotency-Key is recorded once and answered 201 with the same sale")
    void retriedSaleIsRecordedOnce() throws Exception {
        String json = sale();
        String key = UUID.randomUUID().toString();
        double before = meters.counter("dealer.sales.recorded").count();
        String first = post("/api/sales/sales", NANJING_SALES, key, json).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(first, "$.id");
        post("/api/sales/sales", NANJING_SALES, key, json).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.amountFen").value(12_000_000))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Location", org.hamcrest.Matchers.endsWith("/api/sales/sales/" + id)));
        assertThat(salesOf(json)).isEqualTo(1);
        assertThat(meters.counter("dealer.sales.recorded").count()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("REL-7 the same Idempotency-Key with another sale answers 422 and records nothing more")
    void sameKeyOtherSaleIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        post("/api/sales/sales", NANJING_SALES, key, sale()).andExpect(status().isCreated());
        String other = sale();
        post("/api/sales/sales", NANJING_SALES, key, other).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(salesOf(other)).isZero();
    }

    @Test
    @DisplayName("REL-7 two salespeople using the same key record two sales; without a key every POST records one, as before")
    void keysBelongToTheCaller() throws Exception {
        String json = sale();
        String key = UUID.randomUUID().toString();
        String a = recordSaleWithKey(NANJING_SALES, key, json);
        String b = recordSaleWithKey(NANJING_SALES_TOO, key, json);
        assertThat(a).isNotEqualTo(b);
        assertThat(salesOf(json)).isEqualTo(2);

        String plain = sale();
        recordSale(mvc, NANJING_SALES, plain);
        recordSale(mvc, NANJING_SALES, plain);
        assertThat(salesOf(plain)).isEqualTo(2);
    }

    private String recordSaleWithKey(String auth, String key, String json) throws Exception {
        return JsonPath.read(post("/api/sales/sales", auth, key, json).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString(), "$.id");
    }

    @Test
    @DisplayName("REL-7 a correction and a cancellation retried with their keys each enter the audit trail once")
    void retriedCorrectionAndCancellationApplyOnce() throws Exception {
        String sp = salesperson(mvc, "JS-NJ-01");
        String id = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(sp, 100), "Lavida", "INDIVIDUAL", 12_000_000,
                "2026-03-20"));
        String correction = """
                {"customerId":"%s","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"Lavida","category":"PASSENGER_CAR"},
                 "segment":"INDIVIDUAL","amountFen":11000000,"saleDate":"2026-03-20","reason":"late discount","expectedVersion":1}"""
                .formatted(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), credit(sp, 100));
        String correctKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            post("/api/sales/sales/" + id + "/correct", NANJING_SALES, correctKey, correction).andExpect(status().isOk())
                    .andExpect(jsonPath("$.amountFen").value(11_000_000)).andExpect(jsonPath("$.changes.length()").value(1));
        }
        post("/api/sales/sales/" + id + "/correct", NANJING_SALES, correctKey, correction.replace("late discount", "typo"))
                .andExpect(status().isUnprocessableContent());

        String cancelKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            post("/api/sales/sales/" + id + "/cancel", NANJING_SALES, cancelKey, "{\"reason\":\"customer withdrew\"}")
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"))
                    .andExpect(jsonPath("$.changes.length()").value(2));
        }
        assertThat(mongo.findById(id, org.bson.Document.class, SaleStore.COLLECTION).get("version")).isEqualTo(3L);
    }

    @Test
    @DisplayName("REL-7 a lead and a visit retried with the same Idempotency-Key are stored once and answered alike; another body with the key is 422; a later change keeps the key")
    void leadAndVisitRetriedAreStoredOnce() throws Exception {
        String sp = salesperson(mvc, "JS-NJ-01");
        String mobile = "139" + String.valueOf(System.nanoTime()).substring(0, 8);
        String lead = """
                {"name":"李娜","mobile":"%s","source":"EXHIBITION","interestModel":"ID.4 CROZZ","salespersonId":"%s","nextFollowUpDate":"2024-06-03"}"""
                .formatted(mobile, sp);
        String key = UUID.randomUUID().toString();
        String first = post("/api/sales/leads", NANJING_SALES, key, lead).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String leadId = JsonPath.read(first, "$.id");
        // the lead changes, then the creation is retried: the same lead, as it is now
        post("/api/sales/leads/" + leadId + "/follow-ups", NANJING_SALES, null,
                "{\"date\":\"2024-06-03\",\"note\":\"asks for a quote\",\"nextFollowUpDate\":\"2024-06-10\"}")
                .andExpect(status().isOk());
        post("/api/sales/leads", NANJING_SALES, key, lead).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(leadId)).andExpect(jsonPath("$.nextFollowUpDate").value("2024-06-10"));
        assertThat(mongo.count(Query.query(Criteria.where("mobile").is(mobile)), "leads")).isEqualTo(1);
        post("/api/sales/leads", NANJING_SALES, key, lead.replace("EXHIBITION", "WALK_IN"))
                .andExpect(status().isUnprocessableEntity());
        // the same key from another user is another request
        post("/api/sales/leads", NANJING_SALES_TOO, key, lead).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(org.hamcrest.Matchers.not(leadId)));

        String customer = org.dealerplatform.sales.SalesFixtures.customer(replica, "JS-NJ-01", null);
        String visit = "{\"salespersonId\":\"%s\",\"customerId\":\"%s\",\"plannedDate\":\"2024-05-02\"}".formatted(sp, customer);
        String visitKey = UUID.randomUUID().toString();
        String planned = JsonPath.read(post("/api/sales/visits", NANJING_SALES, visitKey, visit).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        post("/api/sales/visits", NANJING_SALES, visitKey, visit).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(planned));
        assertThat(mongo.count(Query.query(Criteria.where("customerId").is(customer)), "visits")).isEqualTo(1);
        post("/api/sales/visits", NANJING_SALES, visitKey, visit.replace("2024-05-02", "2024-05-03"))
                .andExpect(status().isUnprocessableEntity());

        // commands on them: a retried completion or follow-up is answered from the record, applied once
        String completeKey = UUID.randomUUID().toString();
        String completion = "{\"doneDate\":\"2024-05-02\",\"outcome\":\"books a test drive\"}";
        post("/api/sales/visits/" + planned + "/complete", NANJING_SALES, completeKey, completion).andExpect(status().isOk());
        post("/api/sales/visits/" + planned + "/complete", NANJING_SALES, completeKey, completion).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE"));
        post("/api/sales/visits/" + planned + "/complete", NANJING_SALES, null, completion).andExpect(status().isUnprocessableEntity());
        String followUpKey = UUID.randomUUID().toString();
        String followUp = "{\"date\":\"2024-06-10\",\"note\":\"second call\",\"nextFollowUpDate\":\"2024-06-17\"}";
        post("/api/sales/leads/" + leadId + "/follow-ups", NANJING_SALES, followUpKey, followUp).andExpect(status().isOk());
        post("/api/sales/leads/" + leadId + "/follow-ups", NANJING_SALES, followUpKey, followUp).andExpect(status().isOk())
                .andExpect(jsonPath("$.followUps.length()").value(2));
    }
}
