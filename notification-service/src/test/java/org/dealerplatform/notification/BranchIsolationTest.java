package org.dealerplatform.notification;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Branch isolation of every endpoint family: another branch's data answers 404 or is not listed; HQ sees all. */
@ServiceTest
class BranchIsolationTest {

    static final String HANGZHOU = DevTokens.bearer("bob", "ZJ-HZ-01", "BRANCH_MANAGER");
    static final String NINGBO = DevTokens.bearer("eve", "ZJ-NB-01", "BRANCH_MANAGER");
    static final String HQ = "Bearer " + DevTokens.hq();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    String sentTo(Customer customer, String reasonKey) {
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(reasonKey)
                .map(n -> n.status() == NotificationStatus.SENT).orElse(false));
        return reasonKey;
    }

    @Test
    @DisplayName("NOT-6 notifications and statistics: a Ningbo manager neither finds nor counts Hangzhou's notifications")
    void notifications() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("ZJ-HZ-01", "SMS"));
        String id = sentTo(customer, Reminders.maintenanceDue(brokers, customer, Reminders.vin()));

        mvc.perform(get("/api/notifications/" + id).header("Authorization", HANGZHOU)).andExpect(status().isOk());
        mvc.perform(get("/api/notifications/" + id).header("Authorization", NINGBO)).andExpect(status().isNotFound());
        mvc.perform(get("/api/notifications/" + id).header("Authorization", HQ)).andExpect(status().isOk());
        mvc.perform(get("/api/notifications").param("customerId", customer.id()).header("Authorization", NINGBO))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/notifications").param("customerId", customer.id()).header("Authorization", HANGZHOU))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(1));
        mvc.perform(get("/api/notifications/statistics").param("branchId", "ZJ-HZ-01").header("Authorization", NINGBO))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/notifications/statistics").header("Authorization", HANGZHOU))
                .andExpect(status().isOk()).andExpect(jsonPath("$.byChannel.SMS").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        mvc.perform(get("/api/notifications").header("Authorization", NINGBO).param("size", "500"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/notifications").header("Authorization", NINGBO).param("status", "LOST"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/notifications/" + id)).andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("NOT-1 call list: Hangzhou's calls are not on Ningbo's list and Ningbo cannot record their outcome")
    void calls() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("ZJ-HZ-01", "PHONE"));
        String id = sentTo(customer, Reminders.followUpCallDue(brokers, customer, "call-" + java.util.UUID.randomUUID()));
        String ningboList = mvc.perform(get("/api/notifications/calls").header("Authorization", NINGBO))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(JsonPath.<java.util.List<String>>read(ningboList, "$.content[*].id")).doesNotContain(id);
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", NINGBO)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("NOT-1 letter batches: Ningbo neither lists nor downloads Hangzhou's batch, and cannot batch for Hangzhou")
    void letters() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("ZJ-HZ-01", "LETTER"));
        sentTo(customer, Reminders.maintenanceDue(brokers, customer, Reminders.vin()));
        String batch = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", HANGZHOU))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String batchId = JsonPath.read(batch, "$.id");
        mvc.perform(get("/api/notifications/letters/batches/" + batchId + ".pdf").header("Authorization", NINGBO))
                .andExpect(status().isNotFound());
        String list = mvc.perform(get("/api/notifications/letters/batches").header("Authorization", NINGBO))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(JsonPath.<java.util.List<String>>read(list, "$.content[*].id")).doesNotContain(batchId);
        mvc.perform(post("/api/notifications/letters/batches").param("branchId", "ZJ-HZ-01").header("Authorization", NINGBO))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/letters/batches/" + batchId + ".pdf").header("Authorization", HQ))
                .andExpect(status().isOk());
    }

    @Test
    @DisplayName("the OpenAPI document lists every endpoint family and needs no token")
    void openApi() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/notifications/calls']").exists())
                .andExpect(jsonPath("$.paths['/api/notifications/letters/batches/{id}.pdf']").exists())
                .andExpect(jsonPath("$.paths['/api/notifications/consent/{customerId}']").exists())
                .andExpect(jsonPath("$.paths['/api/notifications/webhooks/sms/{provider}/replies']").exists());
    }

    @Test
    @DisplayName("NOT-7 consent ledger: Ningbo cannot ask about a Hangzhou customer (404, as for an unknown one)")
    void consent() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("ZJ-HZ-01", "SMS"));
        mvc.perform(get("/api/notifications/consent/" + customer.id()).header("Authorization", HANGZHOU))
                .andExpect(status().isOk()).andExpect(jsonPath("$.channels.SMS.allowed").value(true));
        mvc.perform(get("/api/notifications/consent/" + customer.id()).header("Authorization", NINGBO))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/notifications/consent/unknown-customer").header("Authorization", NINGBO))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/notifications/consent/" + customer.id()).param("at", "yesterday").header("Authorization", HANGZHOU))
                .andExpect(status().isBadRequest());
    }
}
