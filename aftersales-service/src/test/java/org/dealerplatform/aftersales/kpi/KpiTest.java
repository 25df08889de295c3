package org.dealerplatform.aftersales.kpi;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class KpiTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    void reminderSent(String branch, String customer, String vin, LocalDate day) {
        String payload = """
                {"notificationId":"ntf-%s","reasonKey":"maintenance-due:%s:%s","customerId":"%s","branchId":"%s",
                 "channel":"SMS","purpose":"MAINTENANCE_DUE","provider":"sms-primary","sentAt":"%s"}"""
                .formatted(vin, vin, day.plusDays(14), customer, branch, day.atTime(10, 0).atZone(ZONE).toInstant());
        TestEvents.publish(brokers, "notifications.notification.events", "dealer.notifications.NotificationSent.v1",
                customer, 1, branch, payload);
    }

    String workOrder(String auth, String body) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/aftersales/work-orders").header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    @DisplayName("AFT-7 KPIs per branch and month: services, revenue, reminder conversion within 30 days, satisfaction, open complaints; other branches see none")
    void branchMonthKpis() throws Exception {
        String branch = "K-" + Fixtures.runPrefix();
        String advisor = DevTokens.bearer("advisor", branch, "SERVICE_ADVISOR");
        String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
        YearMonth month = YearMonth.now(ZONE);
        LocalDate first = month.atDay(1);
        String reminded = Fixtures.vin();
        String remindedButAway = Fixtures.vin();
        Fixtures.seed(mongo, List.of(
                ServicedVehicle.register(reminded, branch, "cust-a-" + branch, "Lavida", VehicleCategory.PASSENGER_CAR,
                        null, first.minusMonths(7), MaintenancePlanCatalogue.defaults()),
                ServicedVehicle.register(remindedButAway, branch, "cust-b-" + branch, "Lavida", VehicleCategory.PASSENGER_CAR,
                        null, first.minusMonths(7), MaintenancePlanCatalogue.defaults())));

        reminderSent(branch, "cust-a-" + branch, reminded, first);
        reminderSent(branch, "cust-a-" + branch, reminded, first); // the same reminder reported twice counts once
        reminderSent(branch, "cust-b-" + branch, remindedButAway, first);
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(
                Query.query(Criteria.where("branchId").is(branch)), KpiQueries.REMINDERS) == 2);

        String serviced = workOrder(advisor, """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":5000,"items":["oil"],"partsFen":45000,"labourFen":20000}"""
                .formatted(reminded, first));
        workOrder(advisor, """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":800,"items":["wash"],"partsFen":10000,"labourFen":5000,
                 "model":"Sagitar","category":"PASSENGER_CAR"}""".formatted(Fixtures.vin(), first));

        String callId = "call-" + serviced;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                get("/api/aftersales/follow-up-calls/" + callId).header("Authorization", advisor)).andExpect(status().isOk()));
        mvc.perform(post("/api/aftersales/follow-up-calls/" + callId + "/completion").header("Authorization", advisor)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"satisfaction\":2,\"complaint\":\"dirty seats\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).header("Authorization", manager))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].branchId").value(branch))
                .andExpect(jsonPath("$[0].services").value(2))
                .andExpect(jsonPath("$[0].revenueFen").value(80_000))
                .andExpect(jsonPath("$[0].partsFen").value(55_000))
                .andExpect(jsonPath("$[0].remindersSent").value(2))
                .andExpect(jsonPath("$[0].remindersConverted").value(1))
                .andExpect(jsonPath("$[0].conversionPercent").value(50.0))
                .andExpect(jsonPath("$[0].satisfactionResponses").value(1))
                .andExpect(jsonPath("$[0].satisfactionAverage").value(2.0))
                .andExpect(jsonPath("$[0].openComplaints").value(1));

        mvc.perform(get("/api/aftersales/kpis").param("branchId", branch).header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(jsonPath("$[0].branchId").value(Fixtures.HANGZHOU));
        mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).param("branchId", branch)
                        .header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].services").value(2));
        mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].branchId", org.hamcrest.Matchers.hasItem(branch)));
        mvc.perform(get("/api/aftersales/kpis").param("month", "2026-13").header("Authorization", manager))
                .andExpect(status().isBadRequest());
    }
}
