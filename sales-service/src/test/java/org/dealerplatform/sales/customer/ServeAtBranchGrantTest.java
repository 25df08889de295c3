package org.dealerplatform.sales.customer;

import static org.assertj.core.api.Assertions.assertThat;
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

        grantEvent(nanjingCustomer, "ZJ-HZ-01", "SALE", Instant.now().plusSeconds(1800));
        awaitGrant("ZJ-HZ-01|" + nanjingCustomer + "|SALE");

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
        replica.serviceGranted(new ServeAtBranchGrants.Granted(nanjingCustomer, "JS-SZ-01", "SALE", UUID.randomUUID().toString(), now, now.plusSeconds(1800)));

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
        replica.serviceGranted(new ServeAtBranchGrants.Granted(nanjingCustomer, "ZJ-HZ-01", "SALE", UUID.randomUUID().toString(), now.minusSeconds(3600),
                now.minusSeconds(1800)));
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent());

        replica.serviceGranted(new ServeAtBranchGrants.Granted(nanjingCustomer, "ZJ-HZ-01", "VISIT", UUID.randomUUID().toString(), now, now.plusSeconds(1800)));
        String visit = """
                {"salespersonId":"%s","customerId":"%s","plannedDate":"2027-06-01","purpose":"tea"}"""
                .formatted(hangzhouSeller, nanjingCustomer);
        mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(visit)).andExpect(status().isCreated());
        mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(visit)).andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("INT-1 a grant names its purpose: a SALE grant lets one sale and no visit; a WORK_ORDER grant (aftersales-service's) lets no sale nor visit; a grant without a purpose lets nothing")
    void grantServesOnlyItsPurpose() throws Exception {
        String nanjingCustomer = customer(replica, "JS-NJ-01", null);
        String hangzhouSeller = salesperson(mvc, "ZJ-HZ-01");
        grantEvent(nanjingCustomer, "ZJ-HZ-01", "WORK_ORDER", Instant.now().plusSeconds(1800));
        grantEvent(nanjingCustomer, "ZJ-HZ-01", null, Instant.now().plusSeconds(1800));
        grantEvent(nanjingCustomer, "ZJ-HZ-01", "SALE", Instant.now().plusSeconds(1800));
        awaitGrant("ZJ-HZ-01|" + nanjingCustomer + "|SALE"); // same partition (key = customer): the two before are applied
        assertThat(mongo.findById("ZJ-HZ-01|" + nanjingCustomer + "|WORK_ORDER", org.bson.Document.class,
                CustomerReplica.GRANTS)).as("a work-order grant is not kept here").isNull();

        visit(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isCreated());
        sell(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        visit(nanjingCustomer, hangzhouSeller).andExpect(status().isUnprocessableContent());
    }

    private ResultActions visit(String customerId, String seller) throws Exception {
        return mvc.perform(post("/api/sales/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"salespersonId":"%s","customerId":"%s","plannedDate":"2027-06-01","purpose":"tea"}"""
                        .formatted(seller, customerId)));
    }

    private void awaitGrant(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mongo.exists(
                org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
                        .where("_id").is(id)), CustomerReplica.GRANTS));
    }

    private ResultActions sell(String customerId, String seller) throws Exception {
        return mvc.perform(post("/api/sales/sales").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON)
                .content(saleJson(customerId, null, credit(seller, 100), "Passat 330TSI", "INDIVIDUAL", 100_000, "2026-03-20")));
    }

    private void grantEvent(String customerId, String servingBranch, String purpose, Instant expiresAt) {
        TestEvents.publish(brokers, "customers.customer.events", "dealer.customers.CustomerServiceGranted.v1", customerId,
                7, "JS-NJ-01", """
                        {"customerId":"%s","branchId":"JS-NJ-01","servingBranchId":"%s",%s"grantId":"%s","lookupKey":"mobile",
                         "grantedBy":"bob","grantedAt":"%s","expiresAt":"%s"}""".formatted(customerId, servingBranch,
                        purpose == null ? "" : "\"purpose\":\"" + purpose + "\",", UUID.randomUUID(), Instant.now(),
                        expiresAt));
    }
}
