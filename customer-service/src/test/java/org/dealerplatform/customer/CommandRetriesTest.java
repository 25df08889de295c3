package org.dealerplatform.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * REL-7 for the erasure (key kept in the customer file), the serve-at-branch lookup and the model remap (answers kept,
 * KeptAnswers).
 */
@ServiceTest
class CommandRetriesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    private ResultActions post(String path, String auth, String key, String json) throws Exception {
        return api.postWithKey(path, auth, key, json);
    }

    private long version(String id) {
        return ((Number) mongo.findById(id, Document.class, CustomerStore.COLLECTION).get("version")).longValue();
    }

    @Test
    @DisplayName("REL-7 an erasure retried with its key erases once (one write, the key kept in the file) and answers the same file; the key with another reason answers 422")
    void retriedErasureErasesOnce() throws Exception {
        String id = api.register(NANJING_SALES);
        String key = UUID.randomUUID().toString();
        String body = "{\"reason\":\"customer's written request of 2026-11-28\"}";
        String first = post("/api/customers/" + id + "/erasure", HQ, key, body).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ERASED")).andReturn().getResponse().getContentAsString();
        long erasedVersion = version(id);
        Document stored = mongo.findById(id, Document.class, CustomerStore.COLLECTION);
        assertThat(stored.getList("idempotencyKeys", Document.class))
                .anySatisfy(kept -> assertThat(kept.getString("key")).isEqualTo(key));
        assertThat(post("/api/customers/" + id + "/erasure", HQ, key, body).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).isEqualTo(first);
        assertThat(version(id)).isEqualTo(erasedVersion);
        post("/api/customers/" + id + "/erasure", HQ, key, "{\"reason\":\"another request\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(mongo.findById(id, Document.class, CustomerStore.COLLECTION).getString("erasureReason"))
                .isEqualTo("customer's written request of 2026-11-28");
    }

    @Test
    @DisplayName("REL-7 a serve-at-branch lookup retried with its key grants once (one audit entry) and answers the same grant; the key with another purpose answers 422")
    void retriedLookupGrantsOnce() throws Exception {
        String mobile = CustomerApi.mobile();
        String customer = api.register(NANJING_SALES, "王伟", mobile, "南京市鼓楼区中山路1号", LocalDate.now());
        String key = UUID.randomUUID().toString();
        String first = post("/api/customers/serve-at-branch", HANGZHOU_SALES, key,
                "{\"mobile\":\"" + mobile + "\",\"purpose\":\"SALE\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.grant.purpose").value("SALE")).andReturn().getResponse().getContentAsString();
        String again = post("/api/customers/serve-at-branch", HANGZHOU_SALES, key,
                "{\"purpose\":\"SALE\",\"mobile\":\"" + mobile + "\"}").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);
        assertThat(JsonPath.<String>read(again, "$.grant.grantId")).isEqualTo(JsonPath.read(first, "$.grant.grantId"));
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        post("/api/customers/serve-at-branch", HANGZHOU_SALES, key, "{\"mobile\":\"" + mobile + "\",\"purpose\":\"VISIT\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", HQ))
                .andExpect(jsonPath("$.length()").value(1));
    }
    private String modelOf(String fileId) {
        return mongo.findById(fileId, Document.class, CustomerStore.COLLECTION).getList("vehicles", Document.class).get(0)
                .getString("model");
    }

    private void storeFile(String id, String branch, String model) {
        mongo.insert(new Document("_id", id).append("branchId", branch).append("name", "客户").append("type", "INDIVIDUAL")
                .append("status", "ACTIVE").append("vehicles", java.util.List.of(new Document("vin", "LSVRK"
                        + String.format("%012d", Math.abs(id.hashCode()) % 1_000_000_000L)).append("model", model)
                        .append("category", "PASSENGER_CAR")))
                .append("version", 1L), CustomerStore.COLLECTION);
    }

    @Test
    @DisplayName("REL-7 the vehicle model remap retried with its key runs one pass (a file stored since keeps its free text) and answers the first report; another maxRecords with the key answers 422")
    void retriedModelRemapRunsOnce() throws Exception {
        String branch = "XR-RK-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            storeFile(branch + "-1", branch, "Passat");
            String key = UUID.randomUUID().toString();
            String report = post("/api/customers/model-remap", HQ, key, "").andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(((Number) JsonPath.read(report, "$.mapped")).longValue()).isPositive();
            assertThat(modelOf(branch + "-1")).isEqualTo("Passat 330TSI");
            storeFile(branch + "-2", branch, "Passat");
            assertThat(post("/api/customers/model-remap", HQ, key, "").andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString()).isEqualTo(report);
            assertThat(modelOf(branch + "-2")).as("the retry ran no second pass").isEqualTo("Passat");
            post("/api/customers/model-remap?maxRecords=1", HQ, key, "")
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            assertThat(modelOf(branch + "-2")).isEqualTo("Passat");
        } finally {
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("branchId").is(branch)), CustomerStore.COLLECTION);
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(
                            org.dealerplatform.customer.vehicle.persistence.VehicleModelRemap.JOB)),
                    org.dealerplatform.platform.catalogue.ModelRemap.COLLECTION);
        }
    }
}
