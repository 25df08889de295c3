package org.dealerplatform.aftersales.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.application.VehicleModelRemap;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
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
 * SAL-12: serviced vehicles (the vehicles of work orders) stored before the catalogue carry free-text models; HQ's remap
 * maps them through the alias table of the catalogue replica (never guessing), idempotently and resumably, and the
 * default maintenance plan follows the catalogue category (AFT-2). 10,000 stored vehicles.
 */
@ServiceTest
class VehicleModelRemapTest {

    static final int VEHICLES = 10_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    VehicleStore store;

    @Test
    @DisplayName("SAL-12 10,000 stored vehicles with free-text models: a branch caller gets 403 and changes nothing; HQ's remap maps aliases to catalogue ids and categories (the maintenance plan follows), lists the unknown spelling with its count, resumes from its checkpoint and maps nothing the second time")
    void remapsStoredVehiclesAtVolume() throws Exception {
        String prefix = Fixtures.runPrefix();
        String branch = "XR-RM-" + prefix;
        String unknown = "Magotan X " + prefix;
        // i % 4: 0 "Passat" (alias), 1 "洒水车" (alias of a sprinkler; recorded as a passenger car by hand),
        // 2 "Sagitar" (a catalogue id), 3 an unknown spelling
        String[] stored = {"Passat", "洒水车", "Sagitar", unknown};
        List<ServicedVehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < VEHICLES; i++) {
            vehicles.add(ServicedVehicle.register(Fixtures.seededVin(prefix, i), branch, "cust-" + (i % 300), stored[i % 4],
                    VehicleCategory.PASSENGER_CAR, null, null, MaintenancePlanCatalogue.defaults()));
        }
        try {
            Fixtures.seed(mongo, vehicles);
            long allVehicles = mongo.getCollection(VehicleStore.COLLECTION).countDocuments();

            mvc.perform(post("/api/aftersales/model-remap").header("Authorization", Fixtures.NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/aftersales/model-remap").header("Authorization", Fixtures.NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            assertThat(count(branch, "Passat")).isEqualTo(VEHICLES / 4);

            String partial = remap("?maxRecords=2500");
            assertThat((Boolean) JsonPath.read(partial, "$.complete")).isFalse();
            assertThat(((Number) JsonPath.read(partial, "$.records")).longValue()).isEqualTo(2500);
            String done = remap("");
            assertThat((Boolean) JsonPath.read(done, "$.complete")).isTrue();
            assertThat(((Number) JsonPath.read(done, "$.records")).longValue()).isEqualTo(allVehicles);
            assertThat(((Number) JsonPath.read(done, "$.mapped")).longValue()).isGreaterThanOrEqualTo(VEHICLES / 2);
            List<Map<String, Object>> listed = JsonPath.read(done, "$.unmappedModels[?(@.model=='" + unknown + "')]");
            assertThat(listed).hasSize(1);
            assertThat(((Number) listed.get(0).get("count")).longValue()).isEqualTo(VEHICLES / 4);

            assertThat(count(branch, "Passat")).isZero();
            assertThat(count(branch, "洒水车")).isZero();
            assertThat(count(branch, "Passat 330TSI")).isEqualTo(VEHICLES / 4);
            assertThat(count(branch, "Sinotruk sprinkler 12t")).isEqualTo(VEHICLES / 4);
            assertThat(count(branch, unknown)).as("kept, not guessed").isEqualTo(VEHICLES / 4);
            ServicedVehicle sprinkler = store.findById(Fixtures.seededVin(prefix, 1)).orElseThrow();
            assertThat(sprinkler.category()).isEqualTo(VehicleCategory.SPRINKLER);
            assertThat(sprinkler.effectivePlan()).as("AFT-2: the plan follows the catalogue category")
                    .isEqualTo(MaintenancePlan.SPECIAL_PURPOSE);

            String again = remap("");
            assertThat(((Number) JsonPath.read(again, "$.mapped")).longValue()).isZero();
            mvc.perform(get("/api/aftersales/model-remap").header("Authorization", Fixtures.HQ)).andExpect(status().isOk());
        } finally {
            mongo.remove(Query.query(Criteria.where("branchId").is(branch)), VehicleStore.COLLECTION);
            mongo.remove(Query.query(Criteria.where("_id").is(VehicleModelRemap.JOB)), ModelRemap.COLLECTION);
        }
    }

    private String remap(String params) throws Exception {
        return mvc.perform(post("/api/aftersales/model-remap" + params).header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long count(String branch, String model) {
        return mongo.count(Query.query(Criteria.where("branchId").is(branch).and("model").is(model)),
                VehicleStore.COLLECTION);
    }
}
