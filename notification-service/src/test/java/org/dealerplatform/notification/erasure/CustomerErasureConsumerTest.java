package org.dealerplatform.notification.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CustomerErasureConsumerTest {

    static final String SUZHOU_MANAGER = DevTokens.bearer("li", "JS-SZ-01", "BRANCH_MANAGER");
    static final String HQ = "Bearer " + DevTokens.hq();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Autowired
    ConsentLedger ledger;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    void erased(Customer c, long version) {
        TestEvents.publish(brokers, CustomerFixture.TOPIC, "dealer.customers.CustomerErased.v1", c.id(), version,
                c.branchId(), """
                        {"customerId":"%s","branchId":"%s","erasedAt":"%s"}""".formatted(c.id(), c.branchId(), Instant.now()));
    }

    Document contact(String id) {
        return mongo.findById(id, Document.class, ContactDirectory.COLLECTION);
    }

    @Test
    @DisplayName("SEC-9 NOT-7 on CustomerErased the contact loses its details and every channel, the sent letter keeps its status but loses recipient and text, the consent ledger keeps its history and records the end of consent; a redelivery, a late CustomerRegistered and a replayed consent change restore nothing")
    void erasureBlanksContactsAndNotifications() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-SZ-01", "LETTER"));
        String letter = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(letter)
                .map(n -> n.status() == NotificationStatus.SENT && n.channel() == Channel.LETTER).orElse(false));
        assertThat(notifications.findById(letter).orElseThrow().recipient()).contains("Emma Li");
        Instant beforeErasure = Instant.now().minusSeconds(1); // the ledger keeps milliseconds: clearly before

        erased(customer, 5);
        Document contact = await().atMost(Duration.ofSeconds(20)).until(() -> contact(customer.id()),
                d -> Boolean.TRUE.equals(d.getBoolean("erased")));
        for (String field : List.of("name", "mobile", "email", "address")) {
            assertThat(contact.get(field)).as(field).isNull();
        }
        assertThat(contact.get("consents", Document.class).values()).isNotEmpty().allMatch(Boolean.FALSE::equals);
        Document sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(letter, Document.class, NotificationStore.COLLECTION), d -> d.get("recipient") == null);
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getString("channel")).isEqualTo("LETTER");
        assertThat(sent.toJson()).doesNotContain("Emma", "Auto City Road", customer.mobile());
        // NOT-7: the history stays answerable, from the erasure on no channel is allowed; the ledger holds no contact details
        assertThat(ledger.at(customer.id(), beforeErasure).get(Channel.LETTER).allowed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.at(customer.id(), Instant.now()).get(Channel.LETTER).source(),
                ContactDirectory.ERASURE::equals);
        assertThat(ledger.at(customer.id(), Instant.now()).values()).noneMatch(ConsentLedger.ChannelConsent::allowed);
        String ledgerJson = mongo.findById(customer.id(), Document.class, ConsentLedger.COLLECTION).toJson();
        assertThat(ledgerJson).doesNotContain("Emma", customer.mobile(), "emma.li@", "Auto City Road");
        long revision = ((Number) contact(customer.id()).get("rev")).longValue();

        // a redelivered erasure, a late registration of a higher version, a replayed consent change (of before the
        // erasure); then an INT-1 grant (same key, so applied after them) shows they were all consumed
        erased(customer, 5);
        TestEvents.publish(brokers, CustomerFixture.TOPIC, "dealer.customers.CustomerUpdated.v1", customer.id(), 9,
                customer.branchId(), """
                        {"customerId":"%s","branchId":"%s","name":"Emma Li","type":"INDIVIDUAL","mobile":"%s",
                         "email":"emma.li@example.com","address":"8 Auto City Road, Nanjing","preferredLanguage":"en",
                         "complete":true,"updatedAt":"2026-11-20T02:15:30Z"}""".formatted(customer.id(), customer.branchId(),
                        customer.mobile()));
        CustomerFixture.preferences(brokers, customer, 10, beforeErasure.minusSeconds(30));
        TestEvents.publishExample(brokers, CustomerFixture.TOPIC, "dealer.customers.CustomerServiceGranted.v1",
                customer.id(), 11, customer.branchId(), Map.of(Reminders.EXAMPLE_CUSTOMER, customer.id(),
                        "\"JS-NJ-01\"", "\"" + customer.branchId() + "\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> contact(customer.id()).get("servedAt") != null);
        Document after = contact(customer.id());
        assertThat(((Number) after.get("rev")).longValue()).as("only the grant wrote").isEqualTo(revision + 1);
        for (String field : List.of("name", "mobile", "email", "address")) {
            assertThat(after.get(field)).as(field).isNull();
        }
        assertThat(after.get("consents", Document.class).values()).allMatch(Boolean.FALSE::equals);
        assertThat(ledger.at(customer.id(), Instant.now()).values()).noneMatch(ConsentLedger.ChannelConsent::allowed);
    }

    @Test
    @DisplayName("SEC-9 every download of a letter batch PDF (names and addresses) is audited with who, when, which batch and how many letters; only HQ reads the audit")
    void letterPdfDownloadsAreAudited() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-SZ-01", "LETTER"));
        String letter = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(letter)
                .map(n -> n.status() == NotificationStatus.SENT && n.channel() == Channel.LETTER).orElse(false));
        String batch = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String batchId = JsonPath.read(batch, "$.id");
        int letters = JsonPath.<List<String>>read(batch, "$.notificationIds").size();

        mvc.perform(get("/api/notifications/letters/batches/" + batchId + ".pdf").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isOk());

        String audit = mvc.perform(get("/api/notifications/export-audit").param("size", "200").header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> entries = JsonPath.read(audit, "$.content[?(@.filter.batchId == '" + batchId + "')]");
        assertThat(entries).hasSize(1);
        Map<String, Object> entry = entries.get(0);
        assertThat(entry.get("subject")).isEqualTo("li");
        assertThat(entry.get("callerBranchId")).isEqualTo("JS-SZ-01");
        assertThat(entry.get("endpoint")).isEqualTo("GET /api/notifications/letters/batches/{id}.pdf");
        assertThat(((Number) entry.get("rows")).intValue()).isEqualTo(letters).isPositive();
        assertThat(entry.get("at")).isNotNull();
        mvc.perform(get("/api/notifications/export-audit").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isForbidden());
    }
}
