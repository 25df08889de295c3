package org.dealerplatform.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.dealerplatform.test.TestEvents;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Publishes a customer as customer-service would (details, then preferences) and waits for the replica. */
public final class CustomerFixture {

    public static final String TOPIC = "customers.customer.events";

    private CustomerFixture() {
    }

    /** A customer to publish; consents given for the listed channels only. */
    public record Customer(String id, String branchId, String name, String mobile, String email, String address,
            String language, List<String> consents, List<String> preferred) {

        public static Customer zh(String branchId, String... consents) {
            return new Customer(UUID.randomUUID().toString(), branchId, "王伟", CustomerFixture.mobile(), "wang.wei@example.cn",
                    "南京市鼓楼区中山路1号", "zh-CN", List.of(consents), List.of(consents));
        }

        public static Customer en(String branchId, String... consents) {
            return new Customer(UUID.randomUUID().toString(), branchId, "Emma Li", CustomerFixture.mobile(), "emma.li@example.com",
                    "8 Auto City Road, Nanjing", "en", List.of(consents), List.of(consents));
        }

        public Customer withoutEmail() {
            return new Customer(id, branchId, name, mobile, null, address, language, consents, preferred);
        }

        public Customer preferring(String... channels) {
            return new Customer(id, branchId, name, mobile, email, address, language, consents, List.of(channels));
        }
    }

    public static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static Customer publish(String brokers, MongoTemplate mongo, Customer c) {
        TestEvents.publish(brokers, TOPIC, "dealer.customers.CustomerRegistered.v1", c.id(), 1, c.branchId(), """
                {"customerId":"%s","branchId":"%s","name":"%s","type":"INDIVIDUAL","mobile":%s,"email":%s,
                 "address":%s,"preferredLanguage":"%s","firstVisitDate":"2026-11-20","registeredAt":"2026-11-20T02:15:30Z"}
                """.formatted(c.id(), c.branchId(), c.name(), quote(c.mobile()), quote(c.email()), quote(c.address()),
                c.language()));
        preferences(brokers, c, 2, Instant.now().minusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document replica = mongo.findById(c.id(), Document.class, "contacts");
            return replica != null && replica.get("name") != null && replica.get("consents") != null;
        });
        return c;
    }

    public static void preferences(String brokers, Customer c, long version, Instant changedAt) {
        TestEvents.publish(brokers, TOPIC, "dealer.customers.ContactPreferencesChanged.v1", c.id(), version, c.branchId(), """
                {"customerId":"%s","branchId":"%s","preferredLanguage":"%s",
                 "consents":{"SMS":%s,"EMAIL":%s,"LETTER":%s,"PHONE":%s},
                 "preferredChannels":[%s],"source":"STAFF","changedAt":"%s"}
                """.formatted(c.id(), c.branchId(), c.language(), c.consents().contains("SMS"),
                c.consents().contains("EMAIL"), c.consents().contains("LETTER"), c.consents().contains("PHONE"),
                String.join(",", c.preferred().stream().map(p -> "\"" + p + "\"").toList()), changedAt));
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
