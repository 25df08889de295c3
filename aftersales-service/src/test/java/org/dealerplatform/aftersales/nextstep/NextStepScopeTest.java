package org.dealerplatform.aftersales.nextstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.nextstep.application.NextStepQuery;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
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
    @Autowired
    NextStepQuery nextSteps;

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

    @Test
    @DisplayName("GW-2 INT-1 the next-steps query itself refuses another branch's customer and an unknown one (NotFoundException, so any adapter answers 404), whatever vehicles and invitations exist for that id")
    void theQueryEnforcesTheBranch() {
        String prefix = Fixtures.runPrefix();
        String hangzhouCustomer = prefix + "hz";
        mongo.getCollection(CustomerReplica.COLLECTION).insertOne(
                new Document("_id", hangzhouCustomer).append("branchId", Fixtures.HANGZHOU).append("customerClass", "VIP"));
        Fixtures.seed(mongo, List.of(ServicedVehicle.register(Fixtures.seededVin(prefix, 0), Fixtures.HANGZHOU,
                hangzhouCustomer, "Lavida", VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2024, 1, 1),
                MaintenancePlanCatalogue.defaults())));
        Caller nanjingAdvisor = new Caller("zhou", Set.of(Role.SERVICE_ADVISOR), Fixtures.NANJING);
        Caller hangzhouAdvisor = new Caller("wu", Set.of(Role.SERVICE_ADVISOR), Fixtures.HANGZHOU);

        assertThatThrownBy(() -> nextSteps.of(nanjingAdvisor, hangzhouCustomer)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> nextSteps.of(nanjingAdvisor, prefix + "unknown")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> nextSteps.of(hangzhouAdvisor, prefix + "unknown")).isInstanceOf(NotFoundException.class);
        assertThat(nextSteps.of(hangzhouAdvisor, hangzhouCustomer).maintenance())
                .extracting(NextStepQuery.MaintenanceStep::vin).containsExactly(Fixtures.seededVin(prefix, 0));
    }
}
