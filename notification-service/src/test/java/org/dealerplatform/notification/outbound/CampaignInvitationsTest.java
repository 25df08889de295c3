package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Issue 10, AFT-4, NOT-4: campaign invitations of version 2 name their campaign instead of carrying its content; the
 * content comes once with CampaignLaunched, through the real embedded broker. An invitation whose campaign is not known
 * yet waits queued; every invitation becomes exactly one notification, however often it arrives.
 */
@ServiceTest
class CampaignInvitationsTest {

    static final String TOPIC = "aftersales.campaign.events";
    static final String V1 = "dealer.aftersales.CampaignInvitationRequested.v1";
    static final String V2 = "dealer.aftersales.CampaignInvitationRequested.v2";
    static final String LAUNCHED = "dealer.aftersales.CampaignLaunched.v1";
    /**
     * Invitations in the test. The default keeps CI inside its time (sending is dispatch-bound, issue 10); the full
     * 10,000 run with {@code -Dcampaign.customers=10000} (about 2-5 minutes on 2 cores). The launch side is tested at
     * 10,000 in aftersales-service's CampaignLaunchJobTest.
     */
    static final int CUSTOMERS = Integer.getInteger("campaign.customers", 3_000);

    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    /** A zone where it is about noon now: the test never runs into the quiet hours (NOT-3). */
    static String noonZone() {
        int hour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(((12 - hour + 36) % 24) - 12).getId();
    }

    @Test
    @DisplayName("issue 10 AFT-4 NOT-4 3,000 (heavy: 10,000) v2 invitations with 2,000 Chinese characters of content: each waits for its campaign, then exactly one notification per customer is sent with the content")
    void tenThousandInvitationsOfOneCampaign() throws Exception {
        SmsProviderStub stub = TestProviders.sms();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String campaignId = "camp-" + run;
        String content = "免费检测周冬季保养优惠".repeat(200); // 2,000 Chinese characters
        String zone = noonZone();
        List<Document> contacts = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            contacts.add(new Document("_id", customer(run, i)).append("branchId", "JS-NJ-01").append("name", "客户" + i)
                    .append("mobile", "137" + String.format("%08d", i)).append("preferredLanguage", "zh-CN")
                    .append("timeZone", zone).append("consents", new Document("SMS", true))
                    .append("preferredChannels", List.of("SMS")).append("version", 1L));
        }
        mongo.insert(contacts, ContactDirectory.COLLECTION);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // the invitations first, each twice (a re-publication): their campaign is not known yet
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < CUSTOMERS; i++) {
                    String payload = invitation(campaignId, customer(run, i));
                    if (i == 0) {
                        EventContracts.assertConforms(V2, payload);
                    }
                    producer.send(record(campaignId + ":" + customer(run, i), V2, payload));
                }
            }
        }
        String first = "campaign:" + campaignId + ":" + customer(run, 0);
        await().atMost(Duration.ofMinutes(3)).until(() -> count(campaignId, null) == CUSTOMERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document n = mongo.findById(first, Document.class, "notifications");
            return n != null && String.valueOf(n.get("reason")).contains("not yet known");
        });
        assertThat(mongo.findById(first, Document.class, "notifications").getString("status")).isEqualTo("QUEUED");
        assertThat(stub.receivedFor(first)).as("nothing is sent without the campaign's content").isEmpty();

        String launched = """
                {"campaignId":"%s","branchId":"JS-NJ-01","type":"FREE_TESTING_WEEK","campaignName":"免费检测周",
                 "content":"%s","startDate":"2026-12-07","endDate":"2026-12-13","address":"南京市江宁区汽车城路8号",
                 "channels":["SMS","EMAIL","LETTER"],"launchedAt":"%s"}""".formatted(campaignId, content, Instant.now());
        EventContracts.assertConforms(LAUNCHED, launched);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(record(campaignId, LAUNCHED, launched));
        }

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count(campaignId, "SENT") == CUSTOMERS);
        assertThat(count(campaignId, null)).as("exactly one notification per invitation").isEqualTo(CUSTOMERS);
        assertThat(stub.received().stream().filter(r -> r.reference().startsWith("campaign:" + campaignId + ":"))
                .map(SmsProviderStub.Received::reference).distinct().count()).isEqualTo(CUSTOMERS);
        assertThat(stub.receivedFor(first).get(0).text()).contains(content).contains("南京市江宁区汽车城路8号");
        assertThat(mongo.findById(first, Document.class, "notifications").get("facts", Document.class))
                .as("the content is kept once, in the campaign replica, not in each notification's facts")
                .doesNotContainKey("content");
    }

    @Test
    @DisplayName("issue 10 AFT-4 a v1 invitation (content inside) still becomes its notification: old records are read")
    void versionOneStillRead() throws Exception {
        TestProviders.sms();
        String run = UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", customer(run, 0)).append("branchId", "JS-NJ-01").append("name", "客户")
                .append("mobile", "13612345678").append("preferredLanguage", "zh-CN").append("timeZone", noonZone())
                .append("consents", new Document("SMS", true)).append("preferredChannels", List.of("SMS"))
                .append("version", 1L), ContactDirectory.COLLECTION);
        String reasonKey = "campaign:camp-" + run + ":" + customer(run, 0);
        String v1 = """
                {"campaignId":"camp-%s","customerId":"%s","branchId":"JS-NJ-01","campaignName":"免费检测周",
                 "content":"旧版邀请","startDate":"2026-12-07","endDate":"2026-12-13","address":"展厅","vin":null,
                 "reasonKey":"%s"}""".formatted(run, customer(run, 0), reasonKey);
        EventContracts.assertConforms(V1, v1);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(record("camp-" + run, V1, v1));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document n = mongo.findById(reasonKey, Document.class, "notifications");
            return n != null && "SENT".equals(n.getString("status"));
        });
        assertThat(TestProviders.sms().receivedFor(reasonKey).get(0).text()).contains("旧版邀请");
    }

    static String customer(String run, int i) {
        return "cv-" + run + "-" + i;
    }

    long count(String campaignId, String status) {
        Criteria where = Criteria.where("_id").regex("^campaign:" + campaignId + ":");
        if (status != null) {
            where = where.and("status").is(status);
        }
        return mongo.count(Query.query(where), "notifications");
    }

    static String invitation(String campaignId, String customerId) {
        return """
                {"campaignId":"%s","customerId":"%s","branchId":"JS-NJ-01","vin":null,"reasonKey":"campaign:%s:%s",
                 "launchId":"launch-1"}""".formatted(campaignId, customerId, campaignId, customerId);
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static ProducerRecord<String, byte[]> record(String key, String type, String payload) {
        return TestEvents.record(TOPIC, type, key, 1, "JS-NJ-01", payload);
    }
}
