package org.dealerplatform.aftersales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.aftersales.campaign.application.CampaignLaunches;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.campaign.persistence.LaunchQueue;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10 (AFT-4, AFT-8): a launch is a job. A campaign with 2,000 Chinese characters of content launched to 10,000+
 * customers used to answer 500 (every invitation inside the campaign document); now each invitation is its own
 * document and event, the content leaves once, and a launch that was cut short resumes without inviting anyone twice.
 */
@ServiceTest
class CampaignLaunchJobTest {

    static final int CUSTOMERS = Integer.getInteger("campaign.customers", 10_000);
    static final String INVITATION = "dealer.aftersales.CampaignInvitationRequested.v2";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    InvitationStore invitations;
    @Autowired
    LaunchQueue queue;
    @Autowired
    CampaignLaunches launches;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    /** Seeds {@code n} owners with a passenger car each in {@code branch}; every tenth a VIP, the rest unclassified. */
    List<String> owners(String branch, String prefix, int n) {
        List<ServicedVehicle> vehicles = new ArrayList<>(n);
        List<Document> replica = new ArrayList<>(n);
        List<String> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String customer = prefix + String.format("c%06d", i);
            customers.add(customer);
            vehicles.add(ServicedVehicle.register(Fixtures.seededVin(prefix, i), branch, customer, "Lavida",
                    VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2024, 1, 1), MaintenancePlanCatalogue.defaults()));
            replica.add(new Document("_id", customer).append("branchId", branch)
                    .append("customerClass", i % 10 == 0 ? "VIP" : "OTHER"));
        }
        Fixtures.seed(mongo, vehicles);
        mongo.getCollection(CustomerReplica.COLLECTION).insertMany(replica);
        return customers;
    }

    /** Follows a launch answer (200 finished, or 202 running with its Location) until the job is DONE. */
    String finished(MockHttpServletResponse answer, String manager) throws Exception {
        assertThat(answer.getStatus()).as(answer.getContentAsString()).isIn(200, 202);
        String launchId = JsonPath.read(answer.getContentAsString(), "$.launchId");
        String campaignId = JsonPath.read(answer.getContentAsString(), "$.campaignId");
        if (answer.getStatus() == 202) {
            assertThat(answer.getHeader("Location")).endsWith("/api/aftersales/campaigns/" + campaignId + "/launches/" + launchId);
        }
        String[] body = new String[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            body[0] = mvc.perform(get("/api/aftersales/campaigns/" + campaignId + "/launches/" + launchId)
                    .header("Authorization", manager)).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            return "DONE".equals(JsonPath.read(body[0], "$.state"));
        });
        return body[0];
    }

    long invitationsOf(String campaignId) {
        return mongo.count(Query.query(Criteria.where("campaignId").is(campaignId)), InvitationStore.COLLECTION);
    }

    @Test
    @DisplayName("issue 10 AFT-4 AFT-8 a campaign with 2,000 Chinese characters launched to 10,000 customers: no 5xx, one invitation and one v2 event per customer, the content once; relaunch invites 0; another branch gets 404")
    void tenThousandCustomersWithLongChineseContent() throws Exception {
        String branch = "V-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        String otherBranch = DevTokens.bearer("manager", "W-" + Fixtures.runPrefix(), "BRANCH_MANAGER");
        String prefix = Fixtures.runPrefix();
        List<String> customers = owners(branch, prefix, CUSTOMERS);
        String content = "冬季免费检测保养优惠活动".repeat(200).substring(0, 2_000);
        assertThat(content).hasSize(2_000);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        String id = Fixtures.planCampaign(mvc, manager, content, day, CUSTOMERS); // capacity 2 × CUSTOMERS: everyone fits

        // another branch neither launches nor sees it (404, never 403)
        mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", otherBranch))
                .andExpect(status().isNotFound());

        try (TopicProbe probe = new TopicProbe(brokers, CampaignStore.TOPIC)) {
            long start = System.nanoTime();
            MockHttpServletResponse answer = mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch")
                    .header("Authorization", manager)).andReturn().getResponse();
            long answeredMs = (System.nanoTime() - start) / 1_000_000;
            String launchId = JsonPath.read(answer.getContentAsString(), "$.launchId");
            mvc.perform(get("/api/aftersales/campaigns/" + id + "/launches/" + launchId).header("Authorization", otherBranch))
                    .andExpect(status().isNotFound());
            String done = finished(answer, manager);
            System.out.printf("launch to %d customers: answered %d in %d ms, done after %d ms%n", CUSTOMERS,
                    answer.getStatus(), answeredMs, (System.nanoTime() - start) / 1_000_000);
            assertThat((Integer) JsonPath.read(done, "$.eligible")).isEqualTo(CUSTOMERS);
            assertThat((Integer) JsonPath.read(done, "$.invitedNow")).isEqualTo(CUSTOMERS);
            assertThat((Integer) JsonPath.read(done, "$.invitedTotal")).isEqualTo(CUSTOMERS);
            assertThat((Integer) JsonPath.read(done, "$.processed")).isEqualTo(CUSTOMERS);
            assertThat((Integer) JsonPath.read(done, "$.leftOut")).isZero();
            assertThat(invitationsOf(id)).isEqualTo(CUSTOMERS);

            List<ConsumerRecord<String, byte[]>> events = probe.await(r -> r.key() != null && r.key().startsWith(id + ":"),
                    CUSTOMERS, Duration.ofMinutes(3));
            Set<String> invited = new HashSet<>();
            for (ConsumerRecord<String, byte[]> event : events) {
                assertThat(TopicProbe.header(event, "ce_type")).isEqualTo(INVITATION);
                invited.add(JsonPath.read(TopicProbe.value(event), "$.customerId"));
            }
            EventContracts.assertConforms(INVITATION, TopicProbe.value(events.get(0)));
            assertThat(TopicProbe.value(events.get(0))).doesNotContain(content.substring(0, 20));
            assertThat(invited).as("one invitation per customer").hasSize(CUSTOMERS).containsAll(customers);
            assertThat(probe.settle(r -> id.equals(r.key()), Duration.ofMillis(500))).as("CampaignLaunched once")
                    .singleElement().satisfies(r -> assertThat(TopicProbe.value(r)).contains(content));

            // relaunch: nobody new (AFT-4 idempotent), nothing published
            String again = finished(mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch")
                    .header("Authorization", manager)).andReturn().getResponse(), manager);
            assertThat((Integer) JsonPath.read(again, "$.invitedNow")).isZero();
            assertThat((Integer) JsonPath.read(again, "$.invitedTotal")).isEqualTo(CUSTOMERS);
            assertThat(invitationsOf(id)).isEqualTo(CUSTOMERS);
            assertThat(probe.settle(r -> r.key() != null && r.key().startsWith(id), Duration.ofSeconds(2)))
                    .hasSize(CUSTOMERS + 1);
        }
        mvc.perform(get("/api/aftersales/campaigns/" + id).header("Authorization", manager))
                .andExpect(status().isOk()).andExpect(jsonPath("$.invited").value(CUSTOMERS))
                .andExpect(jsonPath("$.launch.state").value("DONE"));
        assertThat(mongo.findById(id, Document.class, CampaignStore.COLLECTION).toJson().length())
                .as("the campaign document does not grow with its audience").isLessThan(20_000);
    }

    @Test
    @DisplayName("issue 10 AFT-8 a launch job cut short by a crash is resumed by the scheduler: the invitations it made count as its own, nobody is invited twice, slots and VIP order hold")
    void crashedLaunchResumes() throws Exception {
        String branch = "R-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        String prefix = Fixtures.runPrefix();
        List<String> customers = owners(branch, prefix, 1_200);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        String id = Fixtures.planCampaign(mvc, manager, "Free inspection", day, 500); // capacity 1,000 of 1,200: VIPs first

        // the crash: the launch started and wrote the first 300 invitations (VIPs first), then the process died
        Campaign campaign = campaigns.findById(id).orElseThrow();
        Instant now = Instant.now();
        assertThat(campaign.startLaunch("launch-crashed", day.minusDays(10), now)).isTrue();
        queue.enqueue(id, "launch-crashed");
        campaigns.update(campaign);
        List<String> vipsFirst = new ArrayList<>();
        for (int i = 0; i < customers.size(); i += 10) {
            vipsFirst.add(customers.get(i));
        }
        for (int i = 0; vipsFirst.size() < 300; i++) {
            if (i % 10 != 0) {
                vipsFirst.add(customers.get(i));
            }
        }
        invitations.insertAll(vipsFirst.stream().map(c -> CampaignInvitation.invite(id, branch, c, null, null,
                "launch-crashed", now)).toList());

        // the scheduler finds the job with no live lease and resumes it
        launches.resumeAbandoned();
        String done = finished(mvc.perform(get("/api/aftersales/campaigns/" + id + "/launches/launch-crashed")
                .header("Authorization", manager)).andReturn().getResponse(), manager);
        assertThat((Integer) JsonPath.read(done, "$.invitedNow")).isEqualTo(1_000);
        assertThat((Integer) JsonPath.read(done, "$.leftOut")).isEqualTo(200);
        assertThat((Integer) JsonPath.read(done, "$.eligible")).isEqualTo(1_200);
        assertThat(invitationsOf(id)).isEqualTo(1_000);
        // VIPs first (AFT-4): every VIP is invited
        assertThat(invitations.launchesOf(customers.stream().filter(c -> customers.indexOf(c) % 10 == 0)
                .map(c -> CampaignInvitation.idOf(id, c)).toList())).hasSize(120);
        assertThat(queue.all()).noneMatch(e -> e.campaignId().equals(id));
    }

    @Test
    @DisplayName("issue 10 AFT-8 a relaunch while the previous launch's job still holds its queue lease is free to run at once, and runs")
    void relaunchDoesNotWaitForTheFinishingJobsLease() throws Exception {
        String branch = "R-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        owners(branch, Fixtures.runPrefix(), 3);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        String id = Fixtures.planCampaign(mvc, manager, "Free inspection", day, 1); // capacity 2 of 3
        finished(mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                .andReturn().getResponse(), manager);

        // the first launch's job has written DONE but not yet removed its entry: it still holds the lease
        Instant now = Instant.now();
        queue.enqueue(id, "launch-finishing");
        assertThat(queue.lease(id, "the-finishing-job", now, now.plus(Duration.ofMinutes(2)))).isTrue();
        queue.enqueue(id, "launch-next");
        assertThat(queue.all()).filteredOn(e -> e.campaignId().equals(id)).singleElement()
                .satisfies(e -> assertThat(e.leaseUntil()).isBefore(now))
                .satisfies(e -> assertThat(e.launchId()).isEqualTo("launch-next"));
        assertThat(queue.lease(id, "another-instance", now, now.plusSeconds(30))).isTrue();
        queue.remove(id, "launch-next");

        // through the API: the relaunch runs to DONE well within the 2 minutes a stale lease would have cost
        queue.enqueue(id, "launch-finishing");
        queue.lease(id, "the-finishing-job", now, now.plus(Duration.ofMinutes(2)));
        MockHttpServletResponse relaunch = mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch")
                .header("Authorization", manager)).andReturn().getResponse();
        String launchId = JsonPath.read(relaunch.getContentAsString(), "$.launchId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "DONE".equals(
                JsonPath.read(mvc.perform(get("/api/aftersales/campaigns/" + id + "/launches/" + launchId)
                        .header("Authorization", manager)).andReturn().getResponse().getContentAsString(), "$.state")));
        assertThat(invitationsOf(id)).isEqualTo(2);
        assertThat(queue.all()).noneMatch(e -> e.campaignId().equals(id));
    }

    @Test
    @DisplayName("issue 10 AFT-4 a campaign launched before invitations were documents (invitedCustomerIds inside it) invites none of those again")
    void campaignFromBeforeTheUpgrade() throws Exception {
        String branch = "U-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        List<String> customers = owners(branch, Fixtures.runPrefix(), 3);
        String id = Fixtures.planCampaign(mvc, manager, "Free inspection", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10), 5);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new org.springframework.data.mongodb.core.query.Update()
                .set("invitedCustomerIds", customers.subList(0, 2)), CampaignStore.COLLECTION);
        String done = finished(mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch")
                .header("Authorization", manager)).andReturn().getResponse(), manager);
        assertThat((Integer) JsonPath.read(done, "$.invitedNow")).isEqualTo(1);
        assertThat(invitations.launchesOf(customers.stream().map(c -> CampaignInvitation.idOf(id, c)).toList()))
                .containsOnlyKeys(CampaignInvitation.idOf(id, customers.get(2)));
    }
}
