package org.dealerplatform.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.notification.contact.messaging.CustomerEventsListener;
import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@ServiceTest
class ContactPreferencesTest {

    static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    ContactBook contacts;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    IdempotentWrites documents;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("NOT-3 NOT-7 the replica follows CustomerRegistered, CustomerUpdated and ContactPreferencesChanged "
            + "(contract examples), and the ledger keeps every consent change with source and time")
    void replicaAndLedger() {
        String id = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerRegistered.v1", id, 1,
                "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.ContactPreferencesChanged.v1", id, 2,
                "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerUpdated.v1", id, 3,
                "JS-NJ-01", Map.of(EXAMPLE_ID, id, "\"zh-CN\"", "\"en\"", "wang.wei@example.cn", "wei@example.com"));

        ContactProfile profile = await().atMost(Duration.ofSeconds(20)).until(() -> contacts.find(id).orElse(null),
                p -> p != null && "en".equals(p.language()));
        assertThat(profile.email()).isEqualTo("wei@example.com");
        assertThat(profile.consentsTo(Channel.SMS)).isTrue();
        assertThat(profile.consentsTo(Channel.LETTER)).isFalse();
        assertThat(profile.preferredChannels()).containsExactly(Channel.SMS, Channel.PHONE);

        // example changedAt is 2026-11-20T02:15:30Z, source STAFF
        assertThat(ledger.at(id, Instant.parse("2026-11-20T02:15:29Z")).get(Channel.SMS))
                .isEqualTo(new ConsentLedger.ChannelConsent(false, null, null));
        assertThat(ledger.at(id, Instant.parse("2026-11-20T02:15:30Z")).get(Channel.SMS))
                .isEqualTo(new ConsentLedger.ChannelConsent(true, "STAFF", Instant.parse("2026-11-20T02:15:30Z")));

        // a later revocation by the customer is kept beside the earlier consent
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.ContactPreferencesChanged.v1", id, 4,
                "JS-NJ-01", Map.of(EXAMPLE_ID, id, "\"SMS\": true", "\"SMS\": false", "\"STAFF\"", "\"CUSTOMER\"",
                        "2026-11-20T02:15:30Z", "2026-12-01T08:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !contacts.find(id).orElseThrow().consentsTo(Channel.SMS));
        assertThat(ledger.at(id, Instant.parse("2026-11-25T00:00:00Z")).get(Channel.SMS).allowed()).isTrue();
        assertThat(ledger.at(id, Instant.parse("2026-12-02T00:00:00Z")).get(Channel.SMS))
                .isEqualTo(new ConsentLedger.ChannelConsent(false, "CUSTOMER", Instant.parse("2026-12-01T08:00:00Z")));

        // the ledger is one document per customer: both SMS changes, in order of effective time, kept beside each
        // other (nothing expires by age, NOT-7)
        Document ledgerDocument = mongo.findById(id, Document.class, ConsentLedger.COLLECTION);
        List<Document> smsEntries = ledgerDocument.get("channels", Document.class).getList("SMS", Document.class);
        assertThat(smsEntries).extracting(e -> e.getString("source")).containsExactly("STAFF", "CUSTOMER");
        assertThat(smsEntries).extracting(e -> e.getBoolean("allowed")).containsExactly(true, false);
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(id)), ConsentLedger.COLLECTION)).isEqualTo(1);
    }

    @Test
    @DisplayName("NOT-7 a consent change is one write for all channels: recorded once however often it is redelivered, "
            + "and a change that arrives late still answers for its own time")
    void ledgerIsIdempotentAndOrderedByEffectiveTime() {
        String id = UUID.randomUUID().toString();
        Map<Channel, Boolean> allChannels = Map.of(Channel.SMS, true, Channel.EMAIL, true, Channel.LETTER, false,
                Channel.PHONE, true);
        assertThat(ledger.record("event-2", id, "JS-NJ-01", allChannels, "STAFF", Instant.parse("2026-03-01T00:00:00Z")))
                .isTrue();
        assertThat(ledger.record("event-2", id, "JS-NJ-01", allChannels, "STAFF", Instant.parse("2026-03-01T00:00:00Z")))
                .isFalse();
        // an earlier change delivered after the later one (e.g. a replay): sorted in by its effective time
        ledger.record("event-1", id, "JS-NJ-01", Map.of(Channel.SMS, false, Channel.EMAIL, false, Channel.LETTER, false,
                Channel.PHONE, false), "REGISTRATION", Instant.parse("2026-01-01T00:00:00Z"));
        ledger.record("reply-1", id, "JS-NJ-01", Channel.SMS, false, "SMS_REPLY", Instant.parse("2026-06-01T00:00:00Z"));

        assertThat(ledger.at(id, Instant.parse("2026-02-01T00:00:00Z")).get(Channel.EMAIL))
                .isEqualTo(new ConsentLedger.ChannelConsent(false, "REGISTRATION", Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(ledger.at(id, Instant.parse("2026-04-01T00:00:00Z")).get(Channel.SMS).allowed()).isTrue();
        assertThat(ledger.at(id, Instant.parse("2026-07-01T00:00:00Z")).get(Channel.SMS))
                .isEqualTo(new ConsentLedger.ChannelConsent(false, "SMS_REPLY", Instant.parse("2026-06-01T00:00:00Z")));
        assertThat(ledger.at(id, Instant.parse("2026-07-01T00:00:00Z")).get(Channel.EMAIL).allowed()).isTrue();
        Document channels = mongo.findById(id, Document.class, ConsentLedger.COLLECTION).get("channels", Document.class);
        assertThat(channels.getList("SMS", Document.class)).extracting(e -> e.getString("key"))
                .containsExactly("event-1", "event-2", "reply-1");
        assertThat(channels.getList("EMAIL", Document.class)).hasSize(2);
    }

    @Test
    @DisplayName("NOT-7 entries of the former ledger layout (one document per change and channel) are folded into the "
            + "customer's document at start, and still answer for their time")
    void formerLayoutIsMigrated() {
        String id = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", "event-9:SMS").append("customerId", id).append("branchId", "JS-NJ-01")
                .append("channel", "SMS").append("allowed", true).append("source", "STAFF")
                .append("at", java.util.Date.from(Instant.parse("2026-05-01T00:00:00Z")))
                .append("recordedAt", java.util.Date.from(Instant.parse("2026-05-01T00:00:01Z"))), ConsentLedger.COLLECTION);

        new ConsentLedger(mongo, documents, java.time.Clock.systemUTC(), 200);

        assertThat(ledger.at(id, Instant.parse("2026-06-01T00:00:00Z")).get(Channel.SMS))
                .isEqualTo(new ConsentLedger.ChannelConsent(true, "STAFF", Instant.parse("2026-05-01T00:00:00Z")));
        assertThat(mongo.findById("event-9:SMS", Document.class, ConsentLedger.COLLECTION)).isNull();
    }

    @Test
    @DisplayName("NOT-3 CUS-9 VehicleOwnershipTransferred (contract example) records the vehicle's new owner")
    void vehicleTransferred() {
        String vin = "LSVTEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String newOwner = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.VehicleOwnershipTransferred.v1",
                newOwner, 1, "JS-NJ-01", Map.of("1HGCM82633A004352", vin, "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a70", newOwner));
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.currentOwnerOf(vin).isPresent());
        assertThat(contacts.currentOwnerOf(vin)).contains(newOwner);
    }

    @Test
    @DisplayName("NOT-3 after CustomersMerged the merged-away customer's reminders use the surviving file's contact details")
    void merged() {
        String surviving = UUID.randomUUID().toString();
        String merged = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerRegistered.v1", merged, 1,
                "JS-NJ-01", Map.of(EXAMPLE_ID, merged, "王伟", "王 伟"));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerRegistered.v1", surviving, 1,
                "JS-NJ-01", Map.of(EXAMPLE_ID, surviving));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomersMerged.v1", surviving, 2,
                "JS-NJ-01", Map.of(EXAMPLE_ID, surviving, "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a99", merged));
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.find(merged).map(p -> p.customerId().equals(surviving))
                .orElse(false));
        assertThat(contacts.find(merged).orElseThrow().name()).isEqualTo("王伟");
    }
}
