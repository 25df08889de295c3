package org.dealerplatform.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.customer;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.outbox.Aggregate;
import org.dealerplatform.sales.catalogue.persistence.SaleModelRemap;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.sale.Sale;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.Segment;
import org.dealerplatform.sales.sale.Vehicle;
import org.dealerplatform.sales.sale.VehicleCategory;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** REL-7 for the sales POSTs that create no aggregate of their own: their answers are kept per key (KeptAnswers). */
@ServiceTest
class HqCommandRetriesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerReplica replica;

    private ResultActions post(String path, String auth, String key, String json) throws Exception {
        var request = MockMvcRequestBuilders.post(path).header("Authorization", auth);
        if (json != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private static String ok(ResultActions answer) throws Exception {
        return answer.andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString();
    }

    /** A sale stored straight into the database, as one stored before the catalogue: no event, so no roll-up figure. */
    private void storeSale(String id, String branch, String model, long amountFen) {
        Sale sale = Sale.record(id, branch, "XR-REGION", "cust-" + id, List.of(new SalesCredit("sp-" + id, 100)),
                new Vehicle("LSVAB4183E2" + String.format("%06d", Math.abs(id.hashCode()) % 1_000_000), model,
                        VehicleCategory.PASSENGER_CAR, null),
                Segment.INDIVIDUAL, amountFen, LocalDate.of(2021, 3, 1), "seeder", Instant.now());
        Document d = new Document();
        mongo.getConverter().write(sale, d);
        d.remove("_class");
        d.remove(Aggregate.RECORDED_EVENTS_FIELD);
        d.put("version", 1L);
        mongo.insert(d, SaleStore.COLLECTION);
    }

    private long branchTotal(String branch) throws Exception {
        String json = mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "BRANCH")
                        .param("unitId", branch).param("from", "2021-01").param("to", "2021-12"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(json, "$.totalAmountFen")).longValue();
    }

    private String modelOf(String saleId) {
        return mongo.findById(saleId, Document.class, SaleStore.COLLECTION).get("vehicle", Document.class).getString("model");
    }

    private void cleanUp(String branch) throws Exception {
        mongo.remove(Query.query(Criteria.where("branchId").is(branch)), SaleStore.COLLECTION);
        mongo.remove(Query.query(Criteria.where("_id").is(SaleModelRemap.JOB)), ModelRemap.COLLECTION);
        post("/api/hq/rollups/rebuild", HQ, null, null).andExpect(status().isOk());
    }

    @Test
    @DisplayName("REL-7 the roll-up rebuild retried with its key rebuilds once (a sale stored since stays out of the figures) and answers the first result; the key with another body answers 422")
    void retriedRebuildRunsOnce() throws Exception {
        String branch = "XR-RB-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            storeSale(branch + "-1", branch, "Lavida", 1_000_000);
            String key = UUID.randomUUID().toString();
            String first = ok(post("/api/hq/rollups/rebuild", HQ, key, null));
            assertThat(branchTotal(branch)).isEqualTo(1_000_000);
            storeSale(branch + "-2", branch, "Lavida", 2_000_000);
            assertThat(ok(post("/api/hq/rollups/rebuild", HQ, key, null))).isEqualTo(first);
            assertThat(branchTotal(branch)).as("the retry did not rebuild again").isEqualTo(1_000_000);
            post("/api/hq/rollups/rebuild", HQ, key, "{\"again\":true}")
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            assertThat(branchTotal(branch)).isEqualTo(1_000_000);
        } finally {
            cleanUp(branch);
        }
    }

    @Test
    @DisplayName("REL-7 the sales model remap retried with its key runs one pass (a sale stored since keeps its free text) and answers the first report; another maxRecords with the key answers 422")
    void retriedSalesRemapRunsOnce() throws Exception {
        String branch = "XR-RK-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            storeSale(branch + "-1", branch, "Passat", 1_000_000);
            String key = UUID.randomUUID().toString();
            String report = ok(post("/api/hq/catalogue/remap-sales", HQ, key, null));
            assertThat(((Number) JsonPath.read(report, "$.mapped")).longValue()).isPositive();
            assertThat(modelOf(branch + "-1")).isEqualTo("Passat 330TSI");
            storeSale(branch + "-2", branch, "Passat", 1_000_000);
            assertThat(ok(post("/api/hq/catalogue/remap-sales", HQ, key, null))).isEqualTo(report);
            assertThat(modelOf(branch + "-2")).as("the retry ran no second pass").isEqualTo("Passat");
            post("/api/hq/catalogue/remap-sales?maxRecords=1", HQ, key, null)
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            assertThat(modelOf(branch + "-2")).isEqualTo("Passat");
        } finally {
            cleanUp(branch);
        }
    }

    @Test
    @DisplayName("REL-7 the VIP visit plan retried with its key plans once (a VIP customer arrived since gets no visit) and answers the first plan with 201; another quarter with the key answers 422")
    void retriedVipPlanRunsOnce() throws Exception {
        String branch = "ZJ-K" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        mvc.perform(put("/api/sales/branches").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON).content("""
                [{"id":"%s","name":"测试店","regionId":"ZHEJIANG","regionName":"浙江"}]""".formatted(branch)))
                .andExpect(status().isOk());
        String manager = DevTokens.bearer("k-manager", branch, "BRANCH_MANAGER");
        salesperson(mvc, branch);
        LocalDate next = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3);
        String quarter = next.getYear() + "-Q" + ((next.getMonthValue() - 1) / 3 + 1);
        String vip = customer(replica, branch, "VIP");
        String key = UUID.randomUUID().toString();
        String body = "{\"quarter\":\"" + quarter + "\"}";

        String first = post("/api/sales/visits/vip-plan", manager, key, body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(first, "$.planned[*].customerId")).containsExactly(vip);
        String arrived = customer(replica, branch, "VIP");
        String again = post("/api/sales/visits/vip-plan", manager, key, "{ \"quarter\" : \"" + quarter + "\" }")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);
        assertThat(mongo.count(Query.query(Criteria.where("customerId").is(arrived)), "visits"))
                .as("the retry planned nothing").isZero();
        String later = next.plusMonths(3).getYear() + "-Q" + ((next.plusMonths(3).getMonthValue() - 1) / 3 + 1);
        post("/api/sales/visits/vip-plan", manager, key, "{\"quarter\":\"" + later + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(mongo.count(Query.query(Criteria.where("customerId").is(arrived)), "visits")).isZero();
    }
}
