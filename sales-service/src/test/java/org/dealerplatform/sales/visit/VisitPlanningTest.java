package org.dealerplatform.sales.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.customer;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class VisitPlanningTest {

    static final String HZ = DevTokens.bearer("hz-sales", "ZJ-HZ-01", "SALES");
    static final String NJ = DevTokens.bearer("nj-sales", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    CustomerReplica replica;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    String post(String auth, String url, String json, int status) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url).header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
    }

    String plan(String sp, String customer, boolean claimedVip, LocalDate date) throws Exception {
        return JsonPath.read(post(HZ, "/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","vip":%s,"plannedDate":"%s"}""".formatted(sp, customer, claimedVip, date),
                201), "$.id");
    }

    boolean vip(String visitId) {
        return Boolean.TRUE.equals(mongo.findById(visitId, org.bson.Document.class, VisitStore.COLLECTION).getBoolean("vip"));
    }

    @Test
    @DisplayName("SAL-7 a visit's VIP flag is the customer's class in the replica, not the caller's say, and follows a CustomerClassified event")
    void vipFlagFromClass() throws Exception {
        String sp = salesperson(mvc, "ZJ-HZ-01");
        String vipCustomer = customer(replica, "ZJ-HZ-01", "VIP");
        String firstClass = customer(replica, "ZJ-HZ-01", "FIRST_CLASS");
        LocalDate day = LocalDate.of(2027, 5, 6);
        String toVip = plan(sp, vipCustomer, false, day);
        String toFirstClass = plan(sp, firstClass, true, day);
        assertThat(vip(toVip)).isTrue();
        assertThat(vip(toFirstClass)).isFalse();

        // customer-service classifies the first-class customer VIP: the replica keeps the class, the planned visit follows
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerClassified.v1", firstClass, 5,
                "ZJ-HZ-01", Map.of("0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b", firstClass, "\"branchId\": \"JS-NJ-01\"",
                        "\"branchId\": \"ZJ-HZ-01\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> vip(toFirstClass));
        assertThat(replica.find(firstClass).orElseThrow().customerClass()).isEqualTo("VIP");
        // an older classification, redelivered, changes nothing
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, "dealer.customers.CustomerClassified.v1", firstClass, 4,
                "ZJ-HZ-01", Map.of("0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b", firstClass, "\"newClass\": \"VIP\"",
                        "\"newClass\": \"OTHER\""));
        Thread.sleep(1_000);
        assertThat(replica.find(firstClass).orElseThrow().customerClass()).isEqualTo("VIP");
    }

    @Test
    @DisplayName("SAL-7 a planned visit can be rescheduled and cancelled (then no statistic counts it); another branch gets 404")
    void rescheduleAndCancel() throws Exception {
        String sp = salesperson(mvc, "ZJ-HZ-01");
        String customer = customer(replica, "ZJ-HZ-01", null);
        String visit = plan(sp, customer, false, LocalDate.of(2027, 6, 1));
        post(NJ, "/api/sales/visits/" + visit + "/reschedule", "{\"plannedDate\":\"2027-06-08\"}", 404);
        post(NJ, "/api/sales/visits/" + visit + "/cancel", "{\"reason\":\"x\"}", 404);
        String moved = post(HZ, "/api/sales/visits/" + visit + "/reschedule",
                "{\"plannedDate\":\"2027-06-08\",\"reason\":\"customer travelling\"}", 200);
        assertThat(JsonPath.<String>read(moved, "$.plannedDate")).isEqualTo("2027-06-08");
        assertThat(JsonPath.<String>read(moved, "$.moves[0].from")).isEqualTo("2027-06-01");
        post(HZ, "/api/sales/visits/" + visit + "/cancel", "{\"reason\":\"\"}", 400);
        String cancelled = post(HZ, "/api/sales/visits/" + visit + "/cancel", "{\"reason\":\"bought elsewhere\"}", 200);
        assertThat(JsonPath.<String>read(cancelled, "$.status")).isEqualTo("CANCELLED");
        post(HZ, "/api/sales/visits/" + visit + "/reschedule", "{\"plannedDate\":\"2027-06-09\"}", 422);
        post(HZ, "/api/sales/visits/" + visit + "/complete", "{\"doneDate\":\"2027-06-08\",\"outcome\":\"x\"}", 422);
    }

    @Test
    @DisplayName("SAL-7 the VIP visit plan of a quarter plans one visit for each VIP customer of the branch without one, on business days of the quarter; a second run plans nothing")
    void vipVisitPlan() throws Exception {
        String branch = "ZJ-T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        mvc.perform(put("/api/sales/branches").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON).content("""
                [{"id":"%s","name":"测试店","regionId":"ZHEJIANG","regionName":"浙江"}]""".formatted(branch)))
                .andExpect(status().isOk());
        String manager = DevTokens.bearer("t-manager", branch, "BRANCH_MANAGER");
        String sp1 = salesperson(mvc, branch);
        String sp2 = salesperson(mvc, branch);
        LocalDate next = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3);
        String quarter = next.getYear() + "-Q" + ((next.getMonthValue() - 1) / 3 + 1);
        LocalDate[] bounds = VipVisitPlan.quarter(quarter);
        String a = customer(replica, branch, "VIP");
        String b = customer(replica, branch, "VIP");
        String visited = customer(replica, branch, "VIP");
        customer(replica, branch, "FIRST_CLASS");
        String existing = JsonPath.read(post(manager, "/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","plannedDate":"%s"}""".formatted(sp1, visited, bounds[0].plusDays(20)), 201), "$.id");

        post(DevTokens.bearer("t-sales", branch, "SALES"), "/api/sales/visits/vip-plan", "{\"quarter\":\"" + quarter + "\"}", 403);
        post(manager, "/api/sales/visits/vip-plan", "{\"quarter\":\"2020-Q1\"}", 422);
        String answer = post(manager, "/api/sales/visits/vip-plan", "{\"quarter\":\"" + quarter + "\"}", 201);
        assertThat(JsonPath.<Integer>read(answer, "$.vipCustomers")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(answer, "$.alreadyVisited")).isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(answer, "$.planned[*].customerId")).containsExactlyInAnyOrder(a, b);
        assertThat(JsonPath.<List<String>>read(answer, "$.planned[*].salespersonId")).containsExactlyInAnyOrder(sp1, sp2);
        assertThat(JsonPath.<List<Boolean>>read(answer, "$.planned[*].vip")).containsOnly(true);
        for (String date : JsonPath.<List<String>>read(answer, "$.planned[*].plannedDate")) {
            LocalDate d = LocalDate.parse(date);
            assertThat(d).isBetween(bounds[0], bounds[1]);
            assertThat(d.getDayOfWeek().getValue()).isLessThanOrEqualTo(5);
        }
        String again = post(HQ, "/api/sales/visits/vip-plan", "{\"branchId\":\"" + branch + "\",\"quarter\":\"" + quarter + "\"}", 201);
        assertThat(JsonPath.<List<Object>>read(again, "$.planned")).isEmpty();
        assertThat(JsonPath.<Integer>read(again, "$.alreadyVisited")).isEqualTo(3);
        assertThat(existing).isNotBlank();
    }
}
