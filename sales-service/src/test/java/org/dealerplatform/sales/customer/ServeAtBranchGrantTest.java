package org.dealerplatform.sales.customer;

import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.customer;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class ServeAtBranchGrantTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CustomerReplica replica;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("INT-1 a Hangzhou sale of a Nanjing customer is refused (422 customerId) without a grant, accepted once with the grant CustomerServiceGranted brought, and refused again after")
    void grantServesOneSale() throws Exception {
        String nanjingCustomer = customer(replica, "JS-NJ-01", null);
        String hangzhouSeller = salesperson(mvc, "ZJ-HZ-01");
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));

        grantEvent(nanjingCustomer, "ZJ-HZ-01", Instant.now().plusSeconds(1800));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mongo.exists(
                org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
                        .where("_id").is("ZJ-HZ-01|" + nanjingCustomer)), CustomerReplica.GRANTS));

        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isCreated())
                .andExpect(jsonPath("$.branchId").value("ZJ-HZ-01"))
                .andExpect(jsonPath("$.customerId").value(nanjingCustomer));
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
    }

    @Test
    @DisplayName("INT-1 another branch's grant does not help: a Suzhou grant lets no Hangzhou sale or visit use the customer")
    void otherBranchesGrantDoesNotHelp() throws Exception {
        String nanjingCustomer = customer(replica, "JS-NJ-01", null);
        String hangzhouSeller = salesperson(mvc, "ZJ-HZ-01");
        Instant now = Instant.now();
        replica.serviceGranted(nanjingCustomer, "JS-SZ-01", UUID.randomUUID().toString(), now, now.plusSeconds(1800));

        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"salespersonId":"%s","customerId":"%s","plannedDate":"2027-06-01","purpose":"tea"}"""
                                .formatted(hangzhouSeller, nanjingCustomer)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("customerId"));
    }

    @Test
    @DisplayName("INT-1 an expired grant is refused like none; a grant also serves one visit, then no more")
    void expiredGrantAndVisit() throws Exception {
        String nanjingCustomer = customer(replica, "JS-NJ-01", null);
        String hangzhouSeller = salesperson(mvc, "ZJ-HZ-01");
        Instant now = Instant.now();
        replica.serviceGranted(nanjingCustomer, "ZJ-HZ-01", UUID.randomUUID().toString(), now.minusSeconds(3600),
                now.minusSeconds(1800));
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent());

        replica.serviceGranted(nanjingCustomer, "ZJ-HZ-01", UUID.randomUUID().toString(), now, now.plusSeconds(1800));
        String visit = """
                {"salespersonId":"%s","customerId":"%s","plannedDate":"2027-06-01","purpose":"tea"}"""
                .formatted(hangzhouSeller, nanjingCustomer);
        mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(visit)).andExpect(status().isCreated());
        mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(visit)).andExpect(status().isUnprocessableContent());
    }

    private ResultActions sell(String customerId, String seller) throws Exception {
        return mvc.perform(post("/api/sales/sales").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON)
                .content(saleJson(customerId, null, credit(seller, 100), "Passat 330TSI", "INDIVIDUAL", 100_000, "2026-03-20")));
    }

    private void grantEvent(String customerId, String servingBranch, Instant expiresAt) {
        TestEvents.publish(brokers, "customers.customer.events", "dealer.customers.CustomerServiceGranted.v1", customerId,
                7, "JS-NJ-01", """
                        {"customerId":"%s","branchId":"JS-NJ-01","servingBranchId":"%s","grantId":"%s","lookupKey":"mobile",
                         "grantedBy":"bob","grantedAt":"%s","expiresAt":"%s"}""".formatted(customerId, servingBranch,
                        UUID.randomUUID(), Instant.now(), expiresAt));
    }
}
