package org.dealerplatform.customer.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_MANAGER;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.vehicle.persistence.VehicleModelRemap;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

/**
 * SAL-12: customer vehicles stored before the catalogue carry free-text models; HQ's remap maps them through the alias
 * table of the catalogue replica (never guessing), idempotently and resumably. 10,000 stored customer files.
 */
@ServiceTest
class VehicleModelRemapTest {

    static final int FILES = 10_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("SAL-12 10,000 stored customer files with free-text vehicle models: a branch caller gets 403 and changes nothing; HQ's remap maps aliases to catalogue ids and categories, lists the unknown spelling with its count, resumes from its checkpoint and maps nothing the second time")
    void remapsStoredVehiclesAtVolume() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String branch = "XR-RM-" + run;
        String unknown = "Magotan X " + run;
        // i % 4: 0 "Passat" (alias), 1 "Tiguan L" (a catalogue id), 2 "朗逸" (alias, recorded as an SUV by hand),
        // 3 an unknown spelling; every 10th file also has a "帕萨特" (alias)
        String[] stored = {"Passat", "Tiguan L", "朗逸", unknown};
        List<Document> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            List<Document> vehicles = new ArrayList<>();
            vehicles.add(new Document("vin", "LSVRM" + String.format("%012d", i)).append("model", stored[i % 4])
                    .append("category", i % 4 == 0 ? "PASSENGER_CAR" : "SUV"));
            if (i % 10 == 0) {
                vehicles.add(new Document("vin", "LSVRN" + String.format("%012d", i)).append("model", "帕萨特")
                        .append("category", "PASSENGER_CAR"));
            }
            files.add(new Document("_id", "rm-" + run + "-" + i).append("branchId", branch).append("name", "客户 " + i)
                    .append("type", "INDIVIDUAL").append("status", "ACTIVE").append("vehicles", vehicles)
                    .append("version", 1L));
        }
        try {
            for (int from = 0; from < FILES; from += 1000) {
                mongo.insert(files.subList(from, from + 1000), CustomerStore.COLLECTION);
            }
            long allFiles = mongo.getCollection(CustomerStore.COLLECTION).countDocuments();

            mvc.perform(post("/api/customers/model-remap").header("Authorization", NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/customers/model-remap").header("Authorization", NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            assertThat(files(branch, "Passat")).isEqualTo(FILES / 4);

            String partial = remap("?maxRecords=2500");
            assertThat((Boolean) JsonPath.read(partial, "$.complete")).isFalse();
            assertThat(((Number) JsonPath.read(partial, "$.records")).longValue()).isEqualTo(2500);
            String done = remap("");
            assertThat((Boolean) JsonPath.read(done, "$.complete")).isTrue();
            assertThat(((Number) JsonPath.read(done, "$.records")).longValue()).isEqualTo(allFiles);
            assertThat(((Number) JsonPath.read(done, "$.mapped")).longValue())
                    .isGreaterThanOrEqualTo(FILES / 4 + FILES / 4 + FILES / 10);
            List<Map<String, Object>> listed = JsonPath.read(done, "$.unmappedModels[?(@.model=='" + unknown + "')]");
            assertThat(listed).hasSize(1);
            assertThat(((Number) listed.get(0).get("count")).longValue()).isEqualTo(FILES / 4);

            for (String gone : List.of("Passat", "朗逸", "帕萨特")) {
                assertThat(files(branch, gone)).as(gone).isZero();
            }
            assertThat(files(branch, "Passat 330TSI")).isEqualTo(FILES / 4 + FILES / 10 - FILES / 20);
            assertThat(files(branch, "Lavida 1.5L")).isEqualTo(FILES / 4);
            assertThat(files(branch, unknown)).as("kept, not guessed").isEqualTo(FILES / 4);
            assertThat(mongo.count(Query.query(Criteria.where("branchId").is(branch).and("vehicles")
                    .elemMatch(Criteria.where("model").is("Lavida 1.5L").and("category").is("PASSENGER_CAR"))),
                    CustomerStore.COLLECTION)).as("the catalogue's category").isEqualTo(FILES / 4);

            String again = remap("");
            assertThat(((Number) JsonPath.read(again, "$.mapped")).longValue()).isZero();
            mvc.perform(get("/api/customers/model-remap").header("Authorization", HQ)).andExpect(status().isOk());
        } finally {
            mongo.remove(Query.query(Criteria.where("branchId").is(branch)), CustomerStore.COLLECTION);
            mongo.remove(Query.query(Criteria.where("_id").is(VehicleModelRemap.JOB)), ModelRemap.COLLECTION);
        }
    }

    private String remap(String params) throws Exception {
        return mvc.perform(post("/api/customers/model-remap" + params).header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long files(String branch, String model) {
        return mongo.count(Query.query(Criteria.where("branchId").is(branch).and("vehicles.model").is(model)),
                CustomerStore.COLLECTION);
    }
}
