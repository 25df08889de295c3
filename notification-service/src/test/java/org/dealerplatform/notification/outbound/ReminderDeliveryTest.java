package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.notification.optout.persistence.OptOutStore;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.notification.support.Webhooks;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ReminderDeliveryTest {

    static final String NANJING = DevTokens.bearer("alice", "JS-NJ-01", "SERVICE_ADVISOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Autowired
    OptOutStore optOuts;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final SmsProviderStub sms = TestProviders.sms();

    Notification awaitStatus(String id, NotificationStatus status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(id).orElse(null),
                n -> n != null && n.status() == status);
    }

    @Test
    @DisplayName("NOT-4 the same MaintenanceDue delivered five times through the real topic produces exactly one SMS")
    void sameReasonFiveTimesOneSms() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        String vin = Reminders.vin();
        String reasonKey = null;
        for (int i = 0; i < 5; i++) {
            reasonKey = Reminders.maintenanceDue(brokers, customer, vin);
        }
        String id = reasonKey;
        awaitStatus(id, NotificationStatus.SENT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sms.receivedFor(id).size() == 1);
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("customerId").is(customer.id())),
                NotificationStore.COLLECTION)).isEqualTo(1);
    }

    @Test
    @DisplayName("NOT-1 NOT-2 NOT-5 NOT-6 a due maintenance goes out as a Chinese SMS with the opt-out line, "
            + "a delivery receipt marks it DELIVERED, and both steps are published as contract events")
    void smsSentThenDeliveredWithHistoryEvents() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS", "EMAIL"));
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        Notification sent = awaitStatus(id, NotificationStatus.SENT);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.provider()).isEqualTo("sms-primary");
        SmsProviderStub.Received message = sms.receivedFor(id).get(0);
        assertThat(message.to()).isEqualTo(customer.mobile());
        assertThat(message.text()).startsWith("【测试店】尊敬的王伟").contains("Passat 330TSI", "2027年11月20日",
                "南京市江宁区汽车城路8号").endsWith("回TD退订");

        mvc.perform(Webhooks.receipt(id, "DELIVERED")).andExpect(status().isOk()).andExpect(jsonPath("$.applied").value(true));
        mvc.perform(Webhooks.receipt(id, "DELIVERED")).andExpect(status().isOk()).andExpect(jsonPath("$.applied").value(false));
        assertThat(notifications.findById(id).orElseThrow().status()).isEqualTo(NotificationStatus.DELIVERED);

        try (TopicProbe probe = new TopicProbe(brokers, NotificationStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> events = probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(15));
            assertThat(events).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "dealer.notifications.NotificationSent.v1", "dealer.notifications.NotificationDelivered.v1");
            EventContracts.assertConforms("dealer.notifications.NotificationSent.v1", TopicProbe.value(events.get(0)));
            EventContracts.assertConforms("dealer.notifications.NotificationDelivered.v1", TopicProbe.value(events.get(1)));
        }
        mvc.perform(get("/api/notifications").param("customerId", customer.id()).header("Authorization", NANJING))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$.content[0].recipient").value(customer.mobile().substring(0, 3) + "****" + customer.mobile().substring(7)));
    }

    @Test
    @DisplayName("NOT-5 a receipt without a valid HMAC signature is refused with 401 and changes nothing")
    void unsignedReceiptRefused() throws Exception {
        mvc.perform(Webhooks.signed("/api/notifications/webhooks/sms/sms-primary/receipts", "wrong-secret",
                        "{\"reference\":\"x\",\"status\":\"DELIVERED\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/notifications/webhooks/sms/sms-primary/receipts")
                        .contentType("application/json").content("{\"reference\":\"x\",\"status\":\"DELIVERED\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("SEC-3 a webhook body over 64 KiB is a 413 problem, signed or not, before its signature is checked")
    void oversizedReceiptRefused() throws Exception {
        String padding = "x".repeat(64 * 1024);
        String body = "{\"reference\":\"x\",\"status\":\"DELIVERED\",\"note\":\"" + padding + "\"}";
        mvc.perform(Webhooks.signed("/api/notifications/webhooks/sms/sms-primary/receipts", "wrong-secret", body))
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("64 KiB")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/notifications/webhooks/sms/sms-primary/receipts")
                        .contentType("text/plain").content(padding + "more"))
                .andExpect(status().is(413));
    }

    @Test
    @DisplayName("NOT-5 an UNDELIVERABLE receipt marks the SMS BOUNCED and publishes NotificationFailed")
    void bounceReceipt() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-NJ-01", "SMS"));
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        awaitStatus(id, NotificationStatus.SENT);
        mvc.perform(Webhooks.receipt(id, "UNDELIVERABLE")).andExpect(status().isOk());
        assertThat(notifications.findById(id).orElseThrow().status()).isEqualTo(NotificationStatus.BOUNCED);
        try (TopicProbe probe = new TopicProbe(brokers, NotificationStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> failed = probe.await(r -> id.equals(r.key())
                    && "dealer.notifications.NotificationFailed.v1".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(15));
            assertThat(failed).hasSize(1);
            EventContracts.assertConforms("dealer.notifications.NotificationFailed.v1", TopicProbe.value(failed.get(0)));
            assertThat(TopicProbe.value(failed.get(0))).contains("\"status\":\"BOUNCED\"");
        }
    }

    @Test
    @DisplayName("NOT-7 NOT-3 SEC-8 an opt-out reply (TD) publishes OptOutReceived and the next reminder is not sent by SMS; a reply with a control character is refused")
    void optOutStopsNextSms() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS", "EMAIL"));
        String first = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        awaitStatus(first, NotificationStatus.SENT);
        Instant beforeOptOut = Instant.now().minusMillis(10); // BSON dates keep milliseconds

        // SEC-8: a reply whose text holds a control character is refused and changes nothing
        mvc.perform(Webhooks.reply("+86" + customer.mobile(), "TD\\u0000")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("U+0000")));
        mvc.perform(Webhooks.reply("+86" + customer.mobile(), "TD")).andExpect(status().isOk())
                .andExpect(jsonPath("$.optedOutCustomers").value(1));
        try (TopicProbe probe = new TopicProbe(brokers, NotificationStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> optOut = probe.await(r -> customer.id().equals(r.key())
                    && "dealer.notifications.OptOutReceived.v1".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(15));
            assertThat(optOut).hasSize(1);
            EventContracts.assertConforms("dealer.notifications.OptOutReceived.v1", TopicProbe.value(optOut.get(0)));
        }

        String second = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        Notification next = awaitStatus(second, NotificationStatus.SENT);
        assertThat(next.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sms.receivedFor(second)).isEmpty();

        // NOT-7 the ledger answers for both points in time
        mvc.perform(get("/api/notifications/consent/" + customer.id()).param("at", beforeOptOut.toString())
                        .header("Authorization", NANJING))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.SMS.allowed").value(true))
                .andExpect(jsonPath("$.channels.SMS.source").value("STAFF"));
        mvc.perform(get("/api/notifications/consent/" + customer.id()).header("Authorization", NANJING))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.SMS.allowed").value(false))
                .andExpect(jsonPath("$.channels.SMS.source").value("SMS_REPLY"))
                .andExpect(jsonPath("$.channels.EMAIL.allowed").value(true))
                .andExpect(jsonPath("$.channels.LETTER.allowed").value(false));
    }

    @Test
    @DisplayName("NOT-7 REL-7 a reply without a receive time, delivered twice by the provider, opts the customer out once")
    void untimedReplyRedeliveredOptsOutOnce() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS", "EMAIL"));
        mvc.perform(Webhooks.untimedReply("+86" + customer.mobile(), "退订")).andExpect(status().isOk())
                .andExpect(jsonPath("$.optedOutCustomers").value(1));
        mvc.perform(Webhooks.untimedReply("+86" + customer.mobile(), "退订")).andExpect(status().isOk())
                .andExpect(jsonPath("$.optedOutCustomers").value(0));
        assertThat(optOuts.findById(customer.id()).orElseThrow().replyKeys()).hasSize(1);
        mvc.perform(get("/api/notifications/consent/" + customer.id()).header("Authorization", NANJING))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.SMS.allowed").value(false))
                .andExpect(jsonPath("$.channels.SMS.source").value("SMS_REPLY"));
    }

    @Test
    @DisplayName("NOT-3 the frequency cap holds through the pipeline: of five invitations in a week three go out, two wait with the reason")
    void frequencyCapHolds() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Reminders.campaignInvitation(brokers, customer, "camp-" + java.util.UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().map(id -> notifications.findById(id).orElse(null))
                .filter(n -> n != null && n.status() == NotificationStatus.SENT).count() == 3
                && ids.stream().map(id -> notifications.findById(id).orElse(null))
                .filter(n -> n != null && n.reason() != null && n.reason().startsWith("frequency cap")).count() == 2);
        List<Notification> waiting = ids.stream().map(id -> notifications.findById(id).orElseThrow())
                .filter(n -> n.status() == NotificationStatus.QUEUED).toList();
        assertThat(waiting).hasSize(2).allSatisfy(n -> assertThat(n.nextAttemptAt()).isAfter(Instant.now().plus(Duration.ofDays(6))));
        assertThat(ids.stream().mapToInt(id -> sms.receivedFor(id).size()).sum()).isEqualTo(3);
    }

    @Test
    @DisplayName("NOT-5 an SMS the provider refuses (invalid number) fails over to e-mail, sent over SMTP in English")
    void refusedSmsFailsOverToEmail() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-NJ-01", "SMS", "EMAIL").preferring("SMS", "EMAIL"));
        sms.refuse(customer.mobile());
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        Notification sent = awaitStatus(id, NotificationStatus.SENT);
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.excludedChannels()).containsExactly(Channel.SMS);
        jakarta.mail.internet.MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(
                        TestProviders.mail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(customer.email()) && m.getSubject().contains("Passat");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Maintenance reminder: your Passat 330TSI is due on 20 Nov 2027");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("Dear Emma Li");
    }

    @Test
    @DisplayName("NOT-3 NOT-6 a customer without consent for any channel gets nothing: SUPPRESSED with the reason, published as NotificationFailed")
    void noConsentSuppressed() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01"));
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        Notification suppressed = awaitStatus(id, NotificationStatus.SUPPRESSED);
        assertThat(suppressed.reason()).startsWith("no channel with consent");
        assertThat(sms.receivedFor(id)).isEmpty();
        // NOT-6 the suppression is part of the contact history too
        try (TopicProbe probe = new TopicProbe(brokers, NotificationStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> failed = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(15));
            assertThat(failed).hasSize(1);
            EventContracts.assertConforms("dealer.notifications.NotificationFailed.v1", TopicProbe.value(failed.get(0)));
            assertThat(TopicProbe.value(failed.get(0))).contains("\"status\":\"SUPPRESSED\"");
        }
    }

    @Test
    @DisplayName("INT-2 a Nanjing campaign invitation naming a Hangzhou customer is dead-lettered and nothing is queued for that customer")
    void foreignBranchInvitationIsDeadLettered() {
        Customer hangzhou = CustomerFixture.publish(brokers, mongo, Customer.zh("ZJ-HZ-01", "SMS"));
        String campaignId = "camp-" + java.util.UUID.randomUUID();
        try (TopicProbe dlt = new TopicProbe(brokers, "aftersales.campaign.events.notification-service.dlt")) {
            org.dealerplatform.test.TestEvents.publishExample(brokers, "aftersales.campaign.events",
                    "dealer.aftersales.CampaignInvitationRequested.v1", campaignId, 1, "JS-NJ-01",
                    java.util.Map.of(Reminders.EXAMPLE_CUSTOMER, hangzhou.id(), "camp-2026-12-free-test", campaignId));

            List<ConsumerRecord<String, byte[]>> dead = dlt.await(r -> campaignId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-exception-fqcn")).contains("ForeignBranchEffectException");
        }
        assertThat(notifications.findById("campaign:" + campaignId + ":" + hangzhou.id())).isEmpty();
    }

    @Test
    @DisplayName("INT-2 a Hangzhou follow-up call of a Nanjing customer is refused (DLT) unless Hangzhou served the customer under an audited serve-at-branch grant (INT-1): then it is queued")
    void servedAtBranchFollowUpIsAccepted() {
        Customer nanjing = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS", "PHONE"));
        String refused = "call-" + java.util.UUID.randomUUID();
        try (TopicProbe dlt = new TopicProbe(brokers, "aftersales.followup.events.notification-service.dlt")) {
            followUpCall(nanjing, refused);
            assertThat(dlt.await(r -> refused.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
        }
        org.dealerplatform.test.TestEvents.publish(brokers, "customers.customer.events",
                "dealer.customers.CustomerServiceGranted.v1", nanjing.id(), 50, "JS-NJ-01", """
                        {"customerId":"%s","branchId":"JS-NJ-01","servingBranchId":"ZJ-HZ-01","grantId":"g-1","lookupKey":"mobile",
                         "grantedBy":"bob","grantedAt":"2026-11-20T02:15:30Z","expiresAt":"2026-11-20T02:45:30Z"}"""
                        .formatted(nanjing.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(nanjing.id(), org.bson.Document.class,
                org.dealerplatform.notification.contact.ContactBook.COLLECTION).get("servedAt") != null);
        String served = "call-" + java.util.UUID.randomUUID();
        followUpCall(nanjing, served);
        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById("followup:" + served)
                .orElse(null), java.util.Objects::nonNull).customerId()).isEqualTo(nanjing.id());
    }

    private void followUpCall(Customer customer, String callId) {
        org.dealerplatform.test.TestEvents.publishExample(brokers, "aftersales.followup.events",
                "dealer.aftersales.FollowUpCallDue.v1", callId, 1, "ZJ-HZ-01", java.util.Map.of(Reminders.EXAMPLE_CUSTOMER,
                        customer.id(), "call-wo-2026-0001", callId, "\"JS-NJ-01\"", "\"ZJ-HZ-01\""));
    }
}
