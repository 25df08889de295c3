package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class CustomerRetryTest {

    private static final String NANJING_SALES_TOO = DevTokens.bearer("amy", CustomerApi.NANJING, "SALES");

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

    private long filesNamed(String name) {
        return mongo.count(Query.query(Criteria.where("name").is(name)), CustomerStore.COLLECTION);
    }

    private static String registration(String name, String mobile) {
        return "{\"name\":\"" + name + "\",\"mobile\":" + (mobile == null ? "null" : "\"" + mobile + "\"") + "}";
    }

    @Test
    @DisplayName("REL-7 a registration retried with its key opens one file and answers 201 with it, not a CUS-6 duplicate")
    void retriedRegistrationOpensOneFile() throws Exception {
        String name = "客户-" + UUID.randomUUID().toString().substring(0, 8);
        String json = registration(name, CustomerApi.mobile());
        String key = UUID.randomUUID().toString();
        String id = JsonPath.read(post("/api/customers", NANJING_SALES, key, json).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        post("/api/customers", NANJING_SALES, key, json).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(id)).andExpect(jsonPath("$.name").value(name));
        assertThat(filesNamed(name)).isEqualTo(1);

        post("/api/customers", NANJING_SALES, key, registration(name + "-other", null))
                .andExpect(status().isUnprocessableContent());
        assertThat(filesNamed(name + "-other")).isZero();
    }

    @Test
    @DisplayName("REL-7 the same key from two users opens two files; without a key a repeat opens another file, as before")
    void keysBelongToTheCaller() throws Exception {
        String name = "客户-" + UUID.randomUUID().toString().substring(0, 8);
        String json = registration(name, null);
        String key = UUID.randomUUID().toString();
        post("/api/customers", NANJING_SALES, key, json).andExpect(status().isCreated());
        post("/api/customers", NANJING_SALES_TOO, key, json).andExpect(status().isCreated());
        assertThat(filesNamed(name)).isEqualTo(2);
        post("/api/customers", NANJING_SALES, null, json).andExpect(status().isCreated());
        post("/api/customers", NANJING_SALES, null, json).andExpect(status().isCreated());
        assertThat(filesNamed(name)).isEqualTo(4);
    }

    @Test
    @DisplayName("REL-7 a merge retried with its key answers the survivor again instead of refusing the retired file")
    void retriedMergeIsAnswered() throws Exception {
        String survivor = api.register(NANJING_SALES, "王伟", CustomerApi.mobile(), null, LocalDate.now());
        String duplicate = api.register(NANJING_SALES, "王伟(旧)", CustomerApi.mobile(), null, LocalDate.now());
        String key = UUID.randomUUID().toString();
        String json = "{\"mergeCustomerId\":\"" + duplicate + "\"}";
        post("/api/customers/" + survivor + "/merge", NANJING_SALES, key, json).andExpect(status().isOk());
        long version = mongo.findById(survivor, Document.class, CustomerStore.COLLECTION).getLong("version");
        post("/api/customers/" + survivor + "/merge", NANJING_SALES, key, json).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(survivor)).andExpect(jsonPath("$.visits.length()").value(2));
        assertThat(mongo.findById(survivor, Document.class, CustomerStore.COLLECTION).getLong("version")).isEqualTo(version);
        post("/api/customers/" + survivor + "/merge", NANJING_SALES, null, json).andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("REL-7 a vehicle transfer retried with its key is made once and answered with the new owner's file")
    void retriedTransferIsAnswered() throws Exception {
        String from = api.register(NANJING_SALES);
        String to = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, from, CustomerApi.vin(), "PASSENGER_CAR", null);
        String key = UUID.randomUUID().toString();
        String json = "{\"toCustomerId\":\"" + to + "\"}";
        for (int i = 0; i < 2; i++) {
            post("/api/customers/" + from + "/vehicles/" + vin + "/transfer", NANJING_SALES, key, json)
                    .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(to))
                    .andExpect(jsonPath("$.vehicles[0].vin").value(vin));
        }
        assertThat(mongo.findById(to, Document.class, CustomerStore.COLLECTION).getLong("version")).isEqualTo(2L);
        assertThat(mongo.findById(from, Document.class, CustomerStore.COLLECTION).getList("formerVehicles", Document.class))
                .hasSize(1);
    }
}
