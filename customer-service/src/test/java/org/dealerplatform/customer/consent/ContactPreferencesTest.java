package org.dealerplatform.customer.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ContactPreferencesTest {

    static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerStore customers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    @Test
    @DisplayName("CUS-5 staff set consent per channel, preferred channels and language; ContactPreferencesChanged matches its schema")
    void changePreferences() throws Exception {
        String id = api.register(NANJING_SALES);
        mvc.perform(put("/api/customers/" + id + "/contact-preferences").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"consents\":{\"SMS\":false,\"EMAIL\":true},\"preferredChannels\":[\"EMAIL\",\"PHONE\"],\"preferredLanguage\":\"en\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consents.SMS").value(false))
                .andExpect(jsonPath("$.consents.EMAIL").value(true))
                .andExpect(jsonPath("$.consents.PHONE").value(true))
                .andExpect(jsonPath("$.preferredChannels[0]").value("EMAIL"))
                .andExpect(jsonPath("$.preferredLanguage").value("en"));
        mvc.perform(put("/api/customers/" + id + "/contact-preferences").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"consents\":{\"FAX\":true},\"preferredLanguage\":\"fr\"}"))
                .andExpect(status().isBadRequest());
        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> changed = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.ContactPreferencesChanged.v1").test(r)
                    && TopicProbe.value(r).contains("\"source\":\"STAFF\""), 1, Duration.ofSeconds(15));
            assertThat(changed).hasSize(1);
            String json = TopicProbe.value(changed.get(0));
            EventContracts.assertConforms("dealer.customers.ContactPreferencesChanged.v1", json);
            assertThat((Boolean) JsonPath.read(json, "$.consents.SMS")).isFalse();
            assertThat((String) JsonPath.read(json, "$.source")).isEqualTo("STAFF");
        }
    }

    @Test
    @DisplayName("CUS-5 an OptOutReceived reply revokes that channel's consent (source SMS_REPLY), once even if redelivered")
    void optOutReply() throws Exception {
        String id = api.register(NANJING_SALES);
        Map<String, String> replace = Map.of(EXAMPLE_CUSTOMER, id, "2026-11-20T02:15:30Z", Instant.now().toString());
        TestEvents.publishExample(brokers, "notifications.notification.events", "dealer.notifications.OptOutReceived.v1",
                id, 1, "JS-NJ-01", replace);
        TestEvents.publishExample(brokers, "notifications.notification.events", "dealer.notifications.OptOutReceived.v1",
                id, 1, "JS-NJ-01", replace);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/contact-preferences").header("Authorization", NANJING_SALES))
                        .andExpect(jsonPath("$.consents.SMS").value(false))
                        .andExpect(jsonPath("$.consents.PHONE").value(true)));
        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            // the registration published the consent given on the form; the reply publishes exactly one change more
            List<ConsumerRecord<String, byte[]>> changed = probe.settle(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.ContactPreferencesChanged.v1").test(r)
                    && !TopicProbe.value(r).contains("\"source\":\"REGISTRATION\""), Duration.ofSeconds(3));
            assertThat(changed).hasSize(1);
            EventContracts.assertConforms("dealer.customers.ContactPreferencesChanged.v1", TopicProbe.value(changed.get(0)));
            assertThat(TopicProbe.value(changed.get(0))).contains("\"source\":\"SMS_REPLY\"");
        }
    }

    @Test
    @DisplayName("CUS-5 consent, change times, channels and language are stored as one contactPreferences part; a file stored flat before the part existed loads into it and saves as the part")
    void storedShapeAndUpgrade() throws Exception {
        String id = api.register(NANJING_SALES);
        mvc.perform(put("/api/customers/" + id + "/contact-preferences").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"consents\":{\"SMS\":false},\"preferredChannels\":[\"PHONE\"],\"preferredLanguage\":\"en\"}"))
                .andExpect(status().isOk());
        Document stored = mongo.findById(id, Document.class, CustomerStore.COLLECTION);
        Document part = stored.get("contactPreferences", Document.class);
        assertThat(part.getString("preferredLanguage")).isEqualTo("en");
        assertThat(part.getList("preferredChannels", String.class)).containsExactly("PHONE");
        assertThat(part.get("consents", Document.class)).containsEntry("SMS", false).containsEntry("PHONE", true);
        assertThat(part.get("consentChangedAt", Document.class)).containsOnlyKeys("SMS");

        // the same file as the earlier code stored it: the four fields flat beside the others
        String legacyId = java.util.UUID.randomUUID().toString();
        Document legacy = new Document(stored);
        legacy.remove("contactPreferences");
        legacy.putAll(part);
        legacy.put("_id", legacyId);
        legacy.remove("mobile"); // unique per file
        legacy.remove("vehicles");
        legacy.put("pendingEvents", List.of());
        mongo.insert(legacy, CustomerStore.COLLECTION);

        ContactPreferences loaded = customers.findById(legacyId).orElseThrow().contactPreferences();
        assertThat(loaded.preferredLanguage()).isEqualTo("en");
        assertThat(loaded.preferredChannels()).containsExactly(Channel.PHONE);
        assertThat(loaded.consentedChannels()).doesNotContain(Channel.SMS).contains(Channel.PHONE);
        assertThat(loaded.consentChangedAt()).containsOnlyKeys("SMS");

        var file = customers.findById(legacyId).orElseThrow();
        assertThat(file.optOut(Channel.PHONE, "SMS_REPLY", Instant.now(), Instant.now())).isTrue();
        customers.update(file);
        Document upgraded = mongo.findById(legacyId, Document.class, CustomerStore.COLLECTION)
                .get("contactPreferences", Document.class);
        assertThat(upgraded.get("consents", Document.class)).containsEntry("SMS", false).containsEntry("PHONE", false);
        assertThat(upgraded.getString("preferredLanguage")).isEqualTo("en");
    }
}
