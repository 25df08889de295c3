package org.dealerplatform.aftersales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.JobType;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServiceRecord;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CampaignLaunchTest {

    static final String TYPE = "dealer.aftersales.CampaignInvitationRequested.v2";
    static final String LAUNCHED = "dealer.aftersales.CampaignLaunched.v1";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("AFT-6 AFT-8 AFT-4 a VIP seminar invites VIP customers of the branch, never more than the slots; a re-launch invites nobody twice")
    void vipSeminarWithinSlots() throws Exception {
        String branch = "T-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        String prefix = Fixtures.runPrefix();
        Map<String, String> classes = Map.of("vip-1", "VIP", "vip-2", "VIP", "vip-3", "VIP", "first-1", "FIRST_CLASS");
        List<ServicedVehicle> vehicles = new ArrayList<>();
        int n = 0;
        for (String customer : List.of("vip-1", "vip-2", "vip-3", "first-1", "unclassified-1")) {
            vehicles.add(ServicedVehicle.register(Fixtures.seededVin(prefix, n++), branch, prefix + customer, "Lavida",
                    VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2024, 1, 1), MaintenancePlanCatalogue.defaults()));
        }
        // a VIP of another branch is never in this branch's audience
        vehicles.add(ServicedVehicle.register(Fixtures.seededVin(prefix, n), Fixtures.HANGZHOU, prefix + "vip-hz", "Lavida",
                VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2024, 1, 1), MaintenancePlanCatalogue.defaults()));
        Fixtures.seed(mongo, vehicles);
        classes.forEach((customer, customerClass) -> mongo.insert(new Document("_id", prefix + customer)
                .append("branchId", branch).append("customerClass", customerClass), CustomerReplica.COLLECTION));
        mongo.insert(new Document("_id", prefix + "vip-hz").append("branchId", Fixtures.HANGZHOU).append("customerClass", "VIP"),
                CustomerReplica.COLLECTION);

        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        String created = mvc.perform(post("/api/aftersales/campaigns").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"type":"VIP_TECHNICAL_SEMINAR","name":"VIP 技术讲座","content":"New-energy maintenance",
                                 "startDate":"%s","endDate":"%s","address":"展厅二楼"}""".formatted(day, day)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.audience.customerClasses[0]").value("VIP"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");

        mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                .andExpect(status().isUnprocessableContent()); // no slots declared yet
        mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"slots\":[{\"date\":\"%s\",\"slots\":2}]}".formatted(day)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.capacity").value(2));

        try (TopicProbe probe = new TopicProbe(brokers, CampaignStore.TOPIC)) {
            mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.eligible").value(3))
                    .andExpect(jsonPath("$.invitedNow").value(2))
                    .andExpect(jsonPath("$.leftOut").value(1));
            mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.invitedNow").value(0));
            mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", manager)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"slots\":[{\"date\":\"%s\",\"slots\":10}]}".formatted(day)))
                    .andExpect(status().isOk());
            mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.invitedNow").value(1))
                    .andExpect(jsonPath("$.invitedTotal").value(3));

            // issue 10: each invitation is keyed by its own id and names the campaign; the content leaves once
            List<ConsumerRecord<String, byte[]>> invitations = probe.await(
                    r -> r.key().startsWith(id + ":") && TopicProbe.ofType(TYPE).test(r), 3, Duration.ofSeconds(20));
            assertThat(probe.settle(r -> r.key().startsWith(id + ":"), Duration.ofSeconds(1))).hasSize(3);
            List<ConsumerRecord<String, byte[]>> launched = probe.settle(r -> id.equals(r.key()), Duration.ofMillis(200));
            assertThat(launched).singleElement().satisfies(r -> {
                assertThat(TopicProbe.ofType(LAUNCHED).test(r)).isTrue();
                EventContracts.assertConforms(LAUNCHED, TopicProbe.value(r));
                assertThat((String) JsonPath.read(TopicProbe.value(r), "$.content")).isEqualTo("New-energy maintenance");
            });
            List<String> invited = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> invitation : invitations) {
                String json = TopicProbe.value(invitation);
                EventContracts.assertConforms(TYPE, json);
                String customer = JsonPath.read(json, "$.customerId");
                invited.add(customer);
                assertThat((String) JsonPath.read(json, "$.reasonKey")).isEqualTo("campaign:" + id + ":" + customer);
                assertThat((String) JsonPath.read(json, "$.vin")).startsWith(prefix);
                assertThat(json).doesNotContain("New-energy maintenance");
            }
            assertThat(invited).containsExactlyInAnyOrder(prefix + "vip-1", prefix + "vip-2", prefix + "vip-3");
        }

        // AFT-3 the customer's next steps: the invitation and the maintenance of their vehicle
        mvc.perform(get("/api/aftersales/customers/" + prefix + "vip-1/next-steps").header("Authorization", manager))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerClass").value("VIP")) // the class the audience was chosen by
                .andExpect(jsonPath("$.campaigns[0].campaignId").value(id))
                .andExpect(jsonPath("$.maintenance[0].vin").value(Fixtures.seededVin(prefix, 0)))
                .andExpect(jsonPath("$.maintenance[0].dueDate").value("2024-07-01"));
        mvc.perform(get("/api/aftersales/customers/" + prefix + "vip-1/next-steps").header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(status().isNotFound()); // another branch's customer, like an unknown one (NextStepScopeTest)
    }

    @Test
    @DisplayName("AFT-4 the launch leaves out customers without consent for any invitation channel and reports the count; slots go to VIP, then first class, then the most recent visit")
    void consentAndPriority() throws Exception {
        String branch = "P-" + Fixtures.runPrefix();
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        String prefix = Fixtures.runPrefix();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        List<ServicedVehicle> vehicles = new ArrayList<>();
        List<String> customers = List.of("vip-no-consent", "vip-ok", "first", "other-recent", "other-old");
        for (int n = 0; n < customers.size(); n++) {
            ServicedVehicle vehicle = ServicedVehicle.register(Fixtures.seededVin(prefix, n), branch,
                    prefix + customers.get(n), "Lavida", VehicleCategory.PASSENGER_CAR, null, today.minusYears(2),
                    MaintenancePlanCatalogue.defaults());
            LocalDate visit = customers.get(n).equals("other-recent") ? today.minusDays(3) : today.minusDays(200);
            vehicle.recordService(new ServiceRecord("wo-" + prefix + n, branch, JobType.REPAIR, visit, 10_000L + n,
                    List.of("brakes"), 1, 1, null), null, java.time.Instant.now());
            vehicles.add(vehicle);
        }
        Fixtures.seed(mongo, vehicles);
        mongo.insert(new Document("_id", prefix + "vip-no-consent").append("branchId", branch).append("customerClass", "VIP")
                .append("consents", new Document("SMS", false).append("EMAIL", false).append("LETTER", false)
                        .append("PHONE", true)), CustomerReplica.COLLECTION);
        mongo.insert(new Document("_id", prefix + "vip-ok").append("branchId", branch).append("customerClass", "VIP")
                .append("consents", new Document("SMS", true)), CustomerReplica.COLLECTION);
        mongo.insert(new Document("_id", prefix + "first").append("branchId", branch).append("customerClass", "FIRST_CLASS"),
                CustomerReplica.COLLECTION);

        LocalDate day = today.plusDays(10);
        String id = JsonPath.read(mvc.perform(post("/api/aftersales/campaigns").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"type":"FREE_TESTING_WEEK","name":"免费检测周","content":"Free inspection",
                                 "startDate":"%s","endDate":"%s","address":"展厅"}""".formatted(day, day)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"slots\":[{\"date\":\"%s\",\"slots\":3}]}".formatted(day)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", manager))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(4))
                .andExpect(jsonPath("$.excludedWithoutConsent").value(1))
                .andExpect(jsonPath("$.invitedNow").value(3))
                .andExpect(jsonPath("$.leftOut").value(1));
        assertThat(mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("campaignId").is(id)), Document.class,
                        InvitationStore.COLLECTION))
                .extracting(d -> d.getString("customerId"))
                .containsExactlyInAnyOrder(prefix + "vip-ok", prefix + "first", prefix + "other-recent");
        assertThat(mongo.findById(id, Document.class, CampaignStore.COLLECTION)).doesNotContainKey("invitedCustomerIds")
                .containsEntry("invitedTotal", 3);
    }

    @Test
    @DisplayName("AFT-4 GW-2 campaigns are planned and launched by the branch manager; other branches can neither see nor launch them")
    void branchIsolationAndRoles() throws Exception {
        LocalDate start = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
        String body = """
                {"type":"FREE_TESTING_WEEK","name":"免费检测周","content":"Free 30-point inspection","startDate":"%s",
                 "endDate":"%s","address":"南京市江宁区汽车城路8号",
                 "audience":{"vehicleCategories":["PASSENGER_CAR","SUV"],"minVehicleAgeYears":2,"notVisitedForDays":180}}"""
                .formatted(start, start.plusDays(6));
        mvc.perform(post("/api/aftersales/campaigns").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        String created = mvc.perform(post("/api/aftersales/campaigns").header("Authorization", Fixtures.NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.branchId").value(Fixtures.NANJING))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        mvc.perform(get("/api/aftersales/campaigns/" + id).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.audience.minVehicleAgeYears").value(2));
        mvc.perform(get("/api/aftersales/campaigns/" + id).header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/aftersales/campaigns").header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(id))));
        mvc.perform(post("/api/aftersales/campaigns/" + id + "/launch").header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", Fixtures.HANGZHOU_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"slots\":[{\"date\":\"%s\",\"slots\":2}]}".formatted(start)))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", Fixtures.NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slots\":[{\"date\":\"%s\",\"slots\":2}]}".formatted(start.plusDays(30))))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/api/aftersales/campaigns").header("Authorization", Fixtures.NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"FREE_TESTING_WEEK\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("startDate")));
    }
}
