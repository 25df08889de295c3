package org.dealerplatform.aftersales.nextstep;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class NextStepScopeTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("GW-2 INT-1 SEC-1 next steps among 10,000 customers of two branches: own branch 200 with its vehicle; another branch's customer and an unknown id 404 problem alike; HQ reads any customer")
    void nextStepsAreBranchScoped() throws Exception {
        String prefix = Fixtures.runPrefix();
        List<Document> replica = new ArrayList<>();
        List<ServicedVehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String branch = i % 2 == 0 ? Fixtures.NANJING : Fixtures.HANGZHOU;
            replica.add(new Document("_id", prefix + "c" + i).append("branchId", branch).append("customerClass", "VIP"));
            if (i < 2) {
                vehicles.add(ServicedVehicle.register(Fixtures.seededVin(prefix, i), branch, prefix + "c" + i, "Lavida",
                        VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2024, 1, 1), MaintenancePlanCatalogue.defaults()));
            }
        }
        mongo.getCollection(CustomerReplica.COLLECTION).insertMany(replica);
        Fixtures.seed(mongo, vehicles);
        String nanjingCustomer = prefix + "c0";
        String hangzhouCustomer = prefix + "c1";

        mvc.perform(get("/api/aftersales/customers/" + nanjingCustomer + "/next-steps").header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(nanjingCustomer))
                .andExpect(jsonPath("$.maintenance[0].vin").value(Fixtures.seededVin(prefix, 0)));
        for (String foreignOrUnknown : List.of(hangzhouCustomer, prefix + "no-such-customer")) {
            mvc.perform(get("/api/aftersales/customers/" + foreignOrUnknown + "/next-steps").header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(404))
                    .andExpect(jsonPath("$.maintenance").doesNotExist());
        }
        mvc.perform(get("/api/aftersales/customers/" + hangzhouCustomer + "/next-steps").header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.maintenance[0].vin").value(Fixtures.seededVin(prefix, 1)));
        mvc.perform(get("/api/aftersales/customers/" + hangzhouCustomer + "/next-steps").header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.maintenance[0].vin").value(Fixtures.seededVin(prefix, 1)));
        mvc.perform(get("/api/aftersales/customers/" + prefix + "no-such-customer/next-steps").header("Authorization", Fixtures.HQ))
                .andExpect(status().isNotFound());
    }
}
