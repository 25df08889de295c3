package org.dealerplatform.aftersales.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceTest
class CustomerReplicaTest {

    static final String TYPE = "dealer.customers.CustomerRegistered.v1";
    static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("CUS-7 the local customer replica is built from the contract example of CustomerRegistered")
    void buildsReplicaFromEvent() {
        String id = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 1, "JS-NJ-01", Map.of(EXAMPLE_ID, id));

        Document replica = await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(id, Document.class, CustomerReplica.COLLECTION), d -> d != null);
        assertThat(replica.getString("branchId")).isEqualTo("JS-NJ-01");
        assertThat(replica.getString("name")).isEqualTo("王伟");
        assertThat(replica.getString("mobile")).isEqualTo("13812345678");
        assertThat(replica.getString("preferredLanguage")).isEqualTo("zh-CN");
    }

    @Test
    @DisplayName("a redelivered or older event changes nothing; a newer version of the customer applies")
    void appliesOnlyNewerVersions() {
        String id = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 2, "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(id, Document.class, CustomerReplica.COLLECTION) != null);

        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 1, "JS-NJ-01", Map.of(EXAMPLE_ID, id, "王伟", "旧名字"));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 2, "JS-NJ-01", Map.of(EXAMPLE_ID, id, "王伟", "重复"));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 3, "JS-NJ-01", Map.of(EXAMPLE_ID, id, "王伟", "王伟伟"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(id, Document.class, CustomerReplica.COLLECTION).getString("name"), "王伟伟"::equals);
        assertThat(mongo.findById(id, Document.class, CustomerReplica.COLLECTION).get("version", Number.class).longValue()).isEqualTo(3);
    }

    @Test
    @DisplayName("AFT-4 AFT-6 a customer's class comes from CustomerClassified and survives a later contact event")
    void keepsCustomerClass() {
        String id = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 1, "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerClassified.v1", id, 2,
                "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        Document replica = await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(id, Document.class, CustomerReplica.COLLECTION),
                        d -> d != null && "VIP".equals(d.getString("customerClass")));
        assertThat(replica.getString("name")).isEqualTo("王伟");
    }

    @Test
    @DisplayName("AFT-4 CUS-5 consent per channel reaches the replica from ContactPreferencesChanged, beside the contact details of the same version")
    void keepsConsents() {
        String id = UUID.randomUUID().toString();
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, TYPE, id, 1, "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.ContactPreferencesChanged.v1",
                id, 1, "JS-NJ-01", Map.of(EXAMPLE_ID, id));
        Document replica = await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(id, Document.class, CustomerReplica.COLLECTION),
                        d -> d != null && d.get("consents") != null && d.getString("name") != null);
        assertThat(replica.get("consents", Document.class).getBoolean("SMS")).isTrue();
    }
}
