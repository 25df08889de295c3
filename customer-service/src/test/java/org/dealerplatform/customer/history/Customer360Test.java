package org.dealerplatform.customer.history;

import static org.awaitility.Awaitility.await;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class Customer360Test {

    static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";
    static final String EXAMPLE_VIN = "1HGCM82633A004352";

    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    void publish(String topic, String type, String subject, Map<String, String> replacements) {
        TestEvents.publishExample(brokers, topic, type, subject, 1, "JS-NJ-01", replacements);
    }

    @Test
    @DisplayName("CUS-7 the 360 shows purchases, maintenance, next service due, campaign invitations, follow-up calls and contact history from the producers' events; a vehicle sold on drops out of next service due (CUS-9)")
    void customer360() throws Exception {
        CustomerApi api = new CustomerApi(mvc);
        String id = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, id, CustomerApi.vin(), "PASSENGER_CAR", null);
        String workOrder = "wo-" + UUID.randomUUID();
        String call = "call-" + UUID.randomUUID();
        String campaign = "camp-" + UUID.randomUUID();
        String notification = "ntf-" + UUID.randomUUID();
        String sale = UUID.randomUUID().toString();
        Map<String, String> common = Map.of(EXAMPLE_CUSTOMER, id, EXAMPLE_VIN, vin, "wo-2026-0001", workOrder,
                "call-wo-2026-0001", call, "camp-2026-12-free-test", campaign, "ntf-0001", notification,
                "0193a1c0-1111-7aaa-8bbb-000000000001", sale);

        publish("aftersales.vehicle.events", "dealer.aftersales.MaintenanceRecorded.v1", vin, common);
        publish("aftersales.vehicle.events", "dealer.aftersales.MaintenanceDue.v1", vin, common);
        publish("aftersales.campaign.events", "dealer.aftersales.CampaignInvitationRequested.v1", campaign, common);
        publish("aftersales.followup.events", "dealer.aftersales.FollowUpCompleted.v1", call, common);
        publish("notifications.notification.events", "dealer.notifications.NotificationDelivered.v1", id, common);
        publish("notifications.notification.events", "dealer.notifications.NotificationSent.v1", id, common);
        publish("notifications.notification.events", "dealer.notifications.NotificationSent.v1", id, common); // redelivered
        publish("sales.sale.events", "dealer.sales.SaleRecorded.v1", sale, common);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/360").header("Authorization", NANJING_SALES))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.customer.id").value(id))
                        .andExpect(jsonPath("$.purchases[0].saleId").value(sale))
                        .andExpect(jsonPath("$.purchases[0].amountFen").value(25980000))
                        .andExpect(jsonPath("$.maintenance[0].workOrderId").value(workOrder))
                        .andExpect(jsonPath("$.maintenance[0].partsFen").value(45000))
                        .andExpect(jsonPath("$.nextServiceDue[0].vin").value(vin))
                        .andExpect(jsonPath("$.nextServiceDue[0].dueDate").value("2027-11-20"))
                        .andExpect(jsonPath("$.campaignInvitations[0].campaignName").value("免费检测周"))
                        .andExpect(jsonPath("$.followUpCalls[0].satisfaction").value(2))
                        .andExpect(jsonPath("$.contactHistory.length()").value(1))
                        .andExpect(jsonPath("$.contactHistory[0].status").value("DELIVERED"))
                        .andExpect(jsonPath("$.contactHistory[0].purpose").value("MAINTENANCE_DUE"))
                        // CUS-1: the maintenance is a visit in the file, recorded once although the 360 was asked often
                        .andExpect(jsonPath("$.customer.visits.length()").value(2))
                        .andExpect(jsonPath("$.customer.visits[1].kind").value("MAINTENANCE"))
                        .andExpect(jsonPath("$.customer.visits[1].date").value("2026-11-20")));
        publish("aftersales.vehicle.events", "dealer.aftersales.MaintenanceRecorded.v1", vin, common); // redelivered

        Thread.sleep(1000);
        mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.visits.length()").value(2));
        String buyer = api.register(NANJING_SALES);
        mvc.perform(post("/api/customers/" + id + "/vehicles/" + vin + "/transfer").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"toCustomerId\":\"" + buyer + "\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/customers/" + id + "/360").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.nextServiceDue.length()").value(0))
                .andExpect(jsonPath("$.maintenance.length()").value(1));
    }

    @Test
    @DisplayName("CUS-7 issue 10 the 360 reads CampaignInvitationRequested.v2: the campaign's name and period from CampaignLaunched, carried once")
    void invitationOfVersionTwo() throws Exception {
        CustomerApi api = new CustomerApi(mvc);
        String id = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, id, CustomerApi.vin(), "PASSENGER_CAR", null);
        String campaign = "camp-" + UUID.randomUUID();
        Map<String, String> common = Map.of(EXAMPLE_CUSTOMER, id, EXAMPLE_VIN, vin, "camp-2026-12-free-test", campaign);
        publish("aftersales.campaign.events", "dealer.aftersales.CampaignLaunched.v1", campaign, common);
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(campaign, org.bson.Document.class,
                org.dealerplatform.customer.history.persistence.CustomerHistory.CAMPAIGNS) != null);
        publish("aftersales.campaign.events", "dealer.aftersales.CampaignInvitationRequested.v2", campaign + ":" + id, common);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/customers/" + id + "/360").header("Authorization", NANJING_SALES))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.campaignInvitations[0].campaignId").value(campaign))
                        .andExpect(jsonPath("$.campaignInvitations[0].campaignName").value("免费检测周"))
                        .andExpect(jsonPath("$.campaignInvitations[0].startDate").value("2026-12-07")));
    }
}
