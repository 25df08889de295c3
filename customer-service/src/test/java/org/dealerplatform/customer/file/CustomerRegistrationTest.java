package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CustomerRegistrationTest {

    static final String NANJING_SALES = DevTokens.bearer("alice", "JS-NJ-01", "SALES");
    static final String HANGZHOU_SALES = DevTokens.bearer("bob", "ZJ-HZ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    String register(String auth, String mobile) throws Exception {
        String body = mvc.perform(post("/api/customers").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"王伟","type":"INDIVIDUAL","mobile":"+86%s","email":"wang.wei@example.cn",
                                 "address":"南京市鼓楼区中山路1号","preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20"}
                                """.formatted(mobile)))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    @DisplayName("CUS-1 CUS-5 registering a customer stores the file at the caller's branch and publishes CustomerRegistered and the consent given, matching their schemas")
    void registerPublishesEvent() throws Exception {
        String mobile = mobile();
        String id = register(NANJING_SALES, mobile);

        mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.branchId").value("JS-NJ-01"))
                .andExpect(jsonPath("$.mobile").value(mobile))
                .andExpect(jsonPath("$.name").value("王伟"));
        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.CustomerRegistered.v1").test(r), 1, Duration.ofSeconds(15));
            assertThat(records).hasSize(1);
            // CUS-5: the consent given on the registration form goes out too, so the sending services know it
            List<ConsumerRecord<String, byte[]>> consent = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.ContactPreferencesChanged.v1").test(r), 1, Duration.ofSeconds(15));
            assertThat(consent).hasSize(1);
            EventContracts.assertConforms("dealer.customers.ContactPreferencesChanged.v1", TopicProbe.value(consent.get(0)));
            assertThat(TopicProbe.value(consent.get(0))).contains("\"source\":\"REGISTRATION\"").contains("\"SMS\":true");
            assertThat(TopicProbe.header(records.get(0), "ce_type")).isEqualTo("dealer.customers.CustomerRegistered.v1");
            EventContracts.assertConforms("dealer.customers.CustomerRegistered.v1", TopicProbe.value(records.get(0)));
        }
    }

    @Test
    @DisplayName("CUS-6 a second file with the same mobile number is refused with a pointer to the existing one")
    void duplicateMobileRefused() throws Exception {
        String mobile = mobile();
        String id = register(NANJING_SALES, mobile);
        mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"李娜\",\"mobile\":\"" + mobile + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.existing").value("/api/customers/" + id));
    }

    @Test
    @DisplayName("GW-2 another branch's customer answers 404 and never appears in its searches; HQ sees it")
    void branchScoping() throws Exception {
        String mobile = mobile();
        String id = register(NANJING_SALES, mobile);
        mvc.perform(get("/api/customers/" + id).header("Authorization", HANGZHOU_SALES)).andExpect(status().isNotFound());
        mvc.perform(get("/api/customers").param("mobile", mobile).header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/customers").param("mobile", mobile).header("Authorization", "Bearer " + DevTokens.hq()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.content[0].id").value(id));
        // a duplicate registered from another branch gets no pointer into a branch it may not see
        mvc.perform(post("/api/customers").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"李娜\",\"mobile\":\"" + mobile + "\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.existing").doesNotExist());
    }

    @Test
    @DisplayName("CUS-8 invalid input is refused with a problem listing each field")
    void validation() throws Exception {
        mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"mobile\":\"12345\",\"email\":\"not-an-email\",\"preferredLanguage\":\"fr\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("mobile")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("email")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("preferredLanguage")));
        mvc.perform(get("/api/customers").param("size", "1000").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.status").value(400));
    }
}
