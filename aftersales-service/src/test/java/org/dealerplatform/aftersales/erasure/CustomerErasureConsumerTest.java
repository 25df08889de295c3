package org.dealerplatform.aftersales.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
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
class CustomerErasureConsumerTest {

    static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    void publish(String type, String id, long version, Map<String, String> replacements) {
        Map<String, String> all = new HashMap<>(replacements);
        all.put(EXAMPLE_ID, id);
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers." + type + ".v1", id, version,
                "JS-NJ-01", all);
    }

    Document replicaOf(String id) {
        return mongo.findById(id, Document.class, CustomerReplica.COLLECTION);
    }

    @Test
    @DisplayName("SEC-9 on CustomerErased the after-sales replica loses name and mobile and allows no channel (out of campaign audiences); a redelivery, a late CustomerRegistered and a replayed consent change restore nothing")
    void erasureBlanksTheReplica() {
        String id = UUID.randomUUID().toString();
        publish("CustomerRegistered", id, 1, Map.of());
        publish("ContactPreferencesChanged", id, 1, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id),
                d -> d != null && "王伟".equals(d.getString("name")) && d.get("consents") != null);
        assertThat(replicaOf(id).get("consents", Document.class).getBoolean("SMS")).isTrue();

        publish("CustomerErased", id, 4, Map.of());
        Document erased = await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id),
                d -> Boolean.TRUE.equals(d.getBoolean("erased")));
        assertThat(erased.getString("name")).isNull();
        assertThat(erased.getString("mobile")).isNull();
        assertThat(erased.getString("branchId")).isEqualTo("JS-NJ-01");
        assertThat(erased.getString("preferredLanguage")).isEqualTo("zh-CN");
        assertThat(erased.get("consents", Document.class).values()).isNotEmpty().allMatch(Boolean.FALSE::equals);
        long revision = ((Number) erased.get("rev")).longValue();

        // redelivery, a late registration of a higher version, a replayed consent; then a class change (same key, so
        // applied after them) shows they were consumed
        publish("CustomerErased", id, 4, Map.of());
        publish("CustomerRegistered", id, 7, Map.of("王伟", "重放"));
        publish("ContactPreferencesChanged", id, 8, Map.of());
        publish("CustomerClassified", id, 9, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id).getString("customerClass"), "VIP"::equals);
        Document after = replicaOf(id);
        assertThat(((Number) after.get("rev")).longValue()).as("only the class change wrote").isEqualTo(revision + 1);
        assertThat(after.getString("name")).isNull();
        assertThat(after.getString("mobile")).isNull();
        assertThat(after.get("consents", Document.class).values()).allMatch(Boolean.FALSE::equals);
    }
}
