package org.dealerplatform.aftersales.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class ServeAtBranchWorkOrderTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerReplica customers;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    String nanjingVehicle(String owner) {
        String vin = Fixtures.vin();
        Fixtures.seed(mongo, List.of(ServicedVehicle.register(vin, Fixtures.NANJING, owner, "Passat 330TSI",
                VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2026, 5, 1), MaintenancePlanCatalogue.defaults())));
        return vin;
    }

    @Test
    @DisplayName("INT-1 a Hangzhou work order on a Nanjing customer's vehicle is refused (422 vin) without a grant, recorded once with the grant CustomerServiceGranted brought, and refused again after")
    void grantServesOneWorkOrder() throws Exception {
        String owner = UUID.randomUUID().toString();
        String vin = nanjingVehicle(owner);
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));

        grantEvent(owner, "WORK_ORDER");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> customers.holdsGrant(Fixtures.HANGZHOU, owner));

        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isCreated())
                .andExpect(jsonPath("$.branchId").value(Fixtures.HANGZHOU))
                .andExpect(jsonPath("$.customerId").value(owner));
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));
    }

    @Test
    @DisplayName("INT-1 another branch's grant does not help a Hangzhou work order; an expired grant neither")
    void otherBranchOrExpiredGrantDoesNotHelp() throws Exception {
        String owner = UUID.randomUUID().toString();
        String vin = nanjingVehicle(owner);
        Instant now = Instant.now();
        customers.serviceGranted(new ServeAtBranchGrants.Granted(owner, "JS-SZ-01", "WORK_ORDER", UUID.randomUUID().toString(), now, now.plusSeconds(1800)));
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent());
        customers.serviceGranted(new ServeAtBranchGrants.Granted(owner, Fixtures.HANGZHOU, "WORK_ORDER", UUID.randomUUID().toString(), now.minusSeconds(3600),
                now.minusSeconds(1800)));
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));
    }

    @Test
    @DisplayName("INT-1 a grant names its purpose: a SALE or VISIT grant (sales-service's) lets no Hangzhou work order; a WORK_ORDER grant lets one")
    void onlyWorkOrderGrantsServeAWorkOrder() throws Exception {
        String owner = UUID.randomUUID().toString();
        String vin = nanjingVehicle(owner);
        grantEvent(owner, "SALE");
        grantEvent(owner, "VISIT");
        grantEvent(owner, null);
        String marker = UUID.randomUUID().toString(); // a grant of another branch, after the three on the same partition
        TestEvents.publish(brokers, "customers.customer.events", "dealer.customers.CustomerServiceGranted.v1", owner, 3,
                Fixtures.NANJING, """
                        {"customerId":"%s","branchId":"JS-NJ-01","servingBranchId":"JS-SZ-01","purpose":"WORK_ORDER","grantId":"%s",
                         "lookupKey":"vin","grantedBy":"advisor-sz","grantedAt":"%s","expiresAt":"%s"}""".formatted(owner,
                        marker, Instant.now(), Instant.now().plusSeconds(1800)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> customers.holdsGrant("JS-SZ-01", owner));
        assertThat(customers.holdsGrant(Fixtures.HANGZHOU, owner)).isFalse();
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));

        grantEvent(owner, "WORK_ORDER");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> customers.holdsGrant(Fixtures.HANGZHOU, owner));
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isCreated());
        workOrder(Fixtures.HANGZHOU_ADVISOR, vin).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));
    }

    private void grantEvent(String owner, String purpose) {
        TestEvents.publish(brokers, "customers.customer.events", "dealer.customers.CustomerServiceGranted.v1", owner, 3,
                Fixtures.NANJING, """
                        {"customerId":"%s","branchId":"JS-NJ-01","servingBranchId":"ZJ-HZ-01",%s"grantId":"%s","lookupKey":"vin",
                         "grantedBy":"advisor-hz","grantedAt":"%s","expiresAt":"%s"}""".formatted(owner,
                        purpose == null ? "" : "\"purpose\":\"" + purpose + "\",", UUID.randomUUID(), Instant.now(),
                        Instant.now().plusSeconds(1800)));
    }

    private ResultActions workOrder(String auth, String vin) throws Exception {
        return mvc.perform(post("/api/aftersales/work-orders").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"vin":"%s","jobType":"REPAIR","serviceDate":"2026-11-01","mileageKm":8000,"items":["windscreen"],
                         "partsFen":10000,"labourFen":5000}""".formatted(vin)));
    }
}
