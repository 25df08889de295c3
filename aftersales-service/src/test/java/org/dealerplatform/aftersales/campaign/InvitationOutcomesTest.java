package org.dealerplatform.aftersales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.kpi.messaging.NotificationEventsListener;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/** AFT-8 through Kafka: notification-service's outcome of a campaign invitation, from the contract examples. */
@ServiceTest
class InvitationOutcomesTest {

    static final String FAILED = "dealer.notifications.NotificationFailed.v1";
    static final String SENT = "dealer.notifications.NotificationSent.v1";
    static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    @Autowired
    CampaignStore campaigns;
    @Autowired
    InvitationStore invitations;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    /** A launched Nanjing campaign ending in ten days that invited the given customers. */
    Campaign launched(String... customers) {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        Campaign campaign = Campaign.plan("camp-" + UUID.randomUUID(), Fixtures.NANJING, CampaignType.FREE_TESTING_WEEK,
                "免费检测周", "Free inspection", day, day, "展厅", null, "manager-nj");
        campaign.declareSlots(List.of(new WorkshopSlots(day, customers.length)));
        java.time.Instant now = java.time.Instant.now();
        campaign.startLaunch("launch-t", day.minusDays(10), now);
        campaign.launchProgress("launch-t", customers.length, customers.length, customers.length, customers.length, 0, 0);
        campaign.finishLaunch("launch-t", now);
        campaigns.insert(campaign);
        invitations.insertAll(java.util.Arrays.stream(customers).map(c -> CampaignInvitation.invite(campaign.id(),
                Fixtures.NANJING, c, Fixtures.vin(), null, "launch-t", now)).toList());
        return campaign;
    }

    /** The customers whose invitation gave its slot back, as the campaign counted them. */
    List<String> released(String campaignId) {
        List<String> ids = mongo.findById(campaignId, Document.class, CampaignStore.COLLECTION).getList("recentReleases", String.class);
        return ids == null ? null : ids.stream().map(id -> id.substring(campaignId.length() + 1)).toList();
    }

    @Test
    @DisplayName("AFT-8 a suppressed or failed invitation (NotificationFailed) gives its campaign slot back once, however often the event comes")
    void undeliveredInvitationGivesItsSlotBack() throws Exception {
        String suppressed = UUID.randomUUID().toString();
        String bounced = UUID.randomUUID().toString();
        String delivered = UUID.randomUUID().toString();
        Campaign campaign = launched(suppressed, bounced, delivered);
        long version = campaigns.findById(campaign.id()).orElseThrow().version();
        // one key, one partition: the redelivered suppression is handled before the bounce
        for (String[] outcome : List.of(new String[] {suppressed, "SUPPRESSED"}, new String[] {suppressed, "SUPPRESSED"},
                new String[] {bounced, "BOUNCED"})) {
            TestEvents.publishExample(brokers, NotificationEventsListener.TOPIC, FAILED, campaign.id(), 1,
                    Fixtures.NANJING, Map.of("camp-2026-12-free-test", campaign.id(), EXAMPLE_CUSTOMER, outcome[0],
                            "\"BOUNCED\"", "\"" + outcome[1] + "\""));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> released(campaign.id()), r -> r != null && r.contains(bounced));
        assertThat(released(campaign.id())).containsExactlyInAnyOrder(suppressed, bounced);
        Campaign after = campaigns.findById(campaign.id()).orElseThrow();
        assertThat(after.slotsTaken()).isEqualTo(1);
        assertThat(after.version()).as("saved once per invitation given back").isEqualTo(version + 2);
    }

    @Test
    @DisplayName("AFT-8 an invitation sent only after the campaign's end (deferred past it) gives its slot back; one sent in time keeps it")
    void invitationSentAfterTheEndGivesItsSlotBack() throws Exception {
        String late = UUID.randomUUID().toString();
        String inTime = UUID.randomUUID().toString();
        Campaign campaign = launched(late, inTime);
        String afterEnd = campaign.endDate().plusDays(1) + "T02:15:30Z";
        // one key, one partition: the invitation sent in time is handled first
        String beforeEnd = campaign.endDate().minusDays(5) + "T02:15:30Z";
        for (String[] sent : List.of(new String[] {inTime, beforeEnd}, new String[] {late, afterEnd})) {
            TestEvents.publishExample(brokers, NotificationEventsListener.TOPIC, SENT, campaign.id(), 1,
                    Fixtures.NANJING, Map.of("maintenance-due:1HGCM82633A004352:2027-11-20",
                            Campaign.reasonKey(campaign.id(), sent[0]), EXAMPLE_CUSTOMER, sent[0],
                            "MAINTENANCE_DUE", "CAMPAIGN_INVITATION", "2026-11-20T02:15:30Z", sent[1]));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> released(campaign.id()), r -> r != null && r.contains(late));
        assertThat(released(campaign.id())).containsExactly(late);
    }
}
