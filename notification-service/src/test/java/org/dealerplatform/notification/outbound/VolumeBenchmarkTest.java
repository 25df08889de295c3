package org.dealerplatform.notification.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.outbound.persistence.RecentSends;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Benchmark (not a test, issue 10): is the cost per operation flat as data grows? The same rounds run with 1,000 and
 * then with 100,000 customers, ledgers, sent notifications and recent-send documents stored (seeded in bulk), in one
 * run: cost per consumed customer event (CustomerRegistered + ContactPreferencesChanged → contact replica and consent
 * ledger) and per dispatched notification (MaintenanceDue → queued → dispatched to the SMS provider stub). Bar: cost
 * at 100,000 ÷ cost at 1,000 ≤ 1.5. Run: {@code mvn -pl notification-service -am test -Pbenchmark
 * -Dtest=VolumeBenchmarkTest}; {@code -Dbenchmark.volume.events=1000 -Dbenchmark.volume.stored=100000}.
 */
@ServiceTest
@Tag("benchmark")
class VolumeBenchmarkTest {

    static final int EVENTS = Integer.getInteger("benchmark.volume.events", 1000);
    static final int SMALL = 1_000;
    static final int LARGE = Integer.getInteger("benchmark.volume.stored", 100_000);
    static final String CUSTOMERS = "customers.customer.events";
    static final String VEHICLES = "aftersales.vehicle.events";
    static final String BRANCH = "JS-NJ-01";

    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final SmsProviderStub sms = TestProviders.sms();
    int seeded;

    /** Per-operation costs of one round, in microseconds. */
    record Round(int stored, double perCustomerEventMicros, double perDispatchMicros, double dispatchPerSecond) {
    }

    @Test
    void costPerOperationAt1kAnd100kStored() throws Exception {
        seedUpTo(SMALL);
        round("warm-up");
        Round small = round("small");
        long seedStart = System.nanoTime();
        seedUpTo(LARGE);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        Round large = round("large");

        System.out.printf("%n=== notification-service volume benchmark (%s), %d events per round ===%n", Instant.now(), EVENTS);
        System.out.printf("seeded %d → %d stored per collection in %.1f s%n", SMALL, LARGE, seedSeconds);
        for (Round r : List.of(small, large)) {
            System.out.printf("stored %,7d: %.0f µs per customer event, %.0f µs per dispatched notification (%.0f/s)%n",
                    r.stored(), r.perCustomerEventMicros(), r.perDispatchMicros(), r.dispatchPerSecond());
        }
        System.out.printf("ratio 100k/1k: customer event %.2f, dispatched notification %.2f (bar ≤ 1.5)%n%n",
                large.perCustomerEventMicros() / small.perCustomerEventMicros(),
                large.perDispatchMicros() / small.perDispatchMicros());
    }

    private Round round(String name) throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            customers.add("vol-" + run + "-" + i);
        }
        // customer events: registration and consent, two events per customer
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String id : customers) {
                producer.send(customerEvent(id, "dealer.customers.CustomerRegistered.v1", 1, """
                        {"customerId":"%s","branchId":"%s","name":"客户","type":"INDIVIDUAL","mobile":"13900000000",
                         "email":null,"address":null,"preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20",
                         "registeredAt":"2026-11-20T02:15:30Z"}""".formatted(id, BRANCH)));
                producer.send(customerEvent(id, "dealer.customers.ContactPreferencesChanged.v1", 2, """
                        {"customerId":"%s","branchId":"%s","preferredLanguage":"zh-CN",
                         "consents":{"SMS":true,"EMAIL":false,"LETTER":false,"PHONE":false},
                         "preferredChannels":["SMS"],"source":"STAFF","changedAt":"%s"}"""
                        .formatted(id, BRANCH, Instant.now().minusSeconds(60))));
            }
        }
        awaitAll(customers, id -> {
            Document contact = mongo.findById(id, Document.class, ContactBook.COLLECTION);
            return contact != null && contact.get("name") != null && contact.get("consents") != null
                    && mongo.findById(id, Document.class, ConsentLedger.COLLECTION) != null;
        });
        double perCustomerEvent = (System.nanoTime() - start) / 1e3 / (2.0 * EVENTS);

        // reminders: one per customer, dispatched to the SMS provider stub
        List<String> reasons = new ArrayList<>();
        start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < EVENTS; i++) {
                String vin = ("VOL" + run.replace("-", "") + String.format("%06d", i)).toUpperCase();
                String reason = "maintenance-due:" + vin + ":2027-11-20";
                reasons.add(reason);
                producer.send(reminder(vin, customers.get(i), reason));
            }
        }
        awaitAll(reasons, reason -> sms.acceptedAtNanos(reason) != null);
        double dispatchNanos = System.nanoTime() - start;
        int stored = (int) mongo.getCollection(NotificationStore.COLLECTION).estimatedDocumentCount();
        System.out.printf("round %s: %d notifications stored%n", name, stored);
        return new Round(seeded, perCustomerEvent, dispatchNanos / 1e3 / EVENTS, EVENTS / (dispatchNanos / 1e9));
    }

    private static void awaitAll(List<String> keys, Predicate<String> done) throws InterruptedException {
        Set<String> waiting = new HashSet<>(keys);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " of " + keys.size() + " not done after 10 minutes");
            }
            waiting.removeIf(done);
            if (!waiting.isEmpty()) {
                Thread.sleep(20);
            }
        }
    }

    /** Stored customers' replica, ledger, recent sends and one sent notification each, written in bulk. */
    private void seedUpTo(int target) {
        Date at = Date.from(Instant.now().minus(Duration.ofDays(30)));
        while (seeded < target) {
            int batch = Math.min(5_000, target - seeded);
            List<Document> contacts = new ArrayList<>();
            List<Document> ledgers = new ArrayList<>();
            List<Document> sends = new ArrayList<>();
            List<Document> notifications = new ArrayList<>();
            for (int i = seeded; i < seeded + batch; i++) {
                String id = "stored-" + i;
                String reason = "maintenance-due:STORED" + i + ":2026-10-20";
                contacts.add(new Document("_id", id).append("branchId", BRANCH).append("name", "客户" + i)
                        .append("mobile", "138" + String.format("%08d", i)).append("preferredLanguage", "zh-CN")
                        .append("consents", new Document("SMS", true)).append("preferredChannels", List.of("SMS"))
                        .append("version", 1L).append("preferencesVersion", 2L).append("rev", 2L));
                ledgers.add(new Document("_id", id).append("branchId", BRANCH).append("rev", 1L)
                        .append("channels", new Document("SMS", List.of(new Document("key", "seed-" + i)
                                .append("allowed", true).append("source", "STAFF").append("at", at).append("recordedAt", at)))));
                sends.add(new Document("_id", id).append("rev", 1L)
                        .append("sends", List.of(new Document("id", reason).append("at", at))));
                notifications.add(new Document("_id", reason).append("branchId", BRANCH).append("customerId", id)
                        .append("purpose", "MAINTENANCE_DUE").append("facts", new Document("vin", "STORED" + i))
                        .append("createdAt", at).append("status", "DELIVERED").append("channel", "SMS")
                        .append("excludedChannels", List.of()).append("attempts", 0).append("sentAt", at)
                        .append("deliveredAt", at).append("provider", "sms-primary").append("version", 3L)
                        .append("pendingEvents", List.of()));
            }
            mongo.insert(contacts, ContactBook.COLLECTION);
            mongo.insert(ledgers, ConsentLedger.COLLECTION);
            mongo.insert(sends, RecentSends.COLLECTION);
            mongo.insert(notifications, NotificationStore.COLLECTION);
            seeded += batch;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static ProducerRecord<String, byte[]> customerEvent(String customerId, String type, long version, String payload) {
        return event(CUSTOMERS, customerId, type, version, payload);
    }

    private static ProducerRecord<String, byte[]> reminder(String vin, String customerId, String reasonKey) {
        return event(VEHICLES, vin, "dealer.aftersales.MaintenanceDue.v1", 1, """
                {"vin":"%s","customerId":"%s","branchId":"%s","dueDate":"2027-11-20","dueMileageKm":15120,
                 "model":"Passat 330TSI","reasonKey":"%s"}""".formatted(vin, customerId, BRANCH, reasonKey));
    }

    private static ProducerRecord<String, byte[]> event(String topic, String key, String type, long version, String payload) {
        return TestEvents.record(topic, type, key, version, BRANCH, payload);
    }
}
