package org.dealerplatform.aftersales.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dealerplatform.aftersales.followup.Complaint;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.JobType;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
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
import org.springframework.test.web.servlet.MockMvc;

/**
 * INT-4 for AFT-7: every KPI figure of every branch, as the branch and as HQ reads it, equals a naive recount of the
 * generated source records: 8,000 work orders of all job types, 3,000+ reminder notifications through the real broker
 * (duplicates, other purposes, sends just around midnight in Asia/Shanghai) and 3,000 follow-up calls (completed, open,
 * not reached; complaints open and closed), around a month that starts a year (January, against December and
 * February).
 */
@ServiceTest
class KpiRecountTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String TOPIC = "notifications.notification.events";
    static final int CONVERSION_DAYS = 30; // aftersales.kpi.conversion-days, README

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    record Reminder(String reasonKey, String vin, String branch, Instant sentAt) {
    }

    @Test
    @DisplayName("INT-4 AFT-7 every KPI of every branch (branch and HQ view) equals a naive recount of 14,000+ work orders, reminders and follow-up calls across a year boundary")
    void kpisEqualNaiveRecount() throws Exception {
        Random random = new Random(20261202L);
        String run = Fixtures.runPrefix();
        List<String> branches = List.of("R1-" + run, "R2-" + run, "R3-" + run);
        YearMonth month = YearMonth.of(2026, 1);
        LocalDate from = month.atDay(1).minusMonths(1); // 2025-12-01
        LocalDate to = month.atEndOfMonth().plusMonths(1); // 2026-02-28
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;

        // vehicles: each belongs to a branch; some get serviced at another branch too
        List<String> vins = new ArrayList<>();
        Map<String, String> branchOfVin = new HashMap<>();
        for (int i = 0; i < 2_400; i++) {
            String vin = Fixtures.seededVin(run, i);
            vins.add(vin);
            branchOfVin.put(vin, branches.get(i % branches.size()));
        }

        // work orders
        List<WorkOrder> workOrders = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            String vin = vins.get(random.nextInt(vins.size()));
            String branch = random.nextInt(20) == 0 ? branches.get(random.nextInt(branches.size())) : branchOfVin.get(vin);
            LocalDate day = from.plusDays(random.nextInt(days));
            workOrders.add(new WorkOrder("wo-" + run + "-" + i, vin, branch, "cust-" + vin,
                    JobType.values()[random.nextInt(JobType.values().length)], day, 1_000 + random.nextInt(90_000),
                    List.of("item"), random.nextInt(500_000), random.nextInt(200_000), "tech", Instant.now()));
        }
        mongo.insert(workOrders, WorkOrders.COLLECTION);

        // follow-up calls: completed (scores), open, not reached; complaints open or closed; completions near midnight
        List<FollowUpCall> calls = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String branch = branches.get(i % branches.size());
            LocalDate day = from.plusDays(random.nextInt(days));
            Instant at = aroundMidnight(random, day);
            int roll = random.nextInt(10);
            FollowUpCall.Status status = roll < 6 ? FollowUpCall.Status.COMPLETED
                    : roll < 8 ? FollowUpCall.Status.OPEN : FollowUpCall.Status.NOT_REACHED;
            Integer score = status == FollowUpCall.Status.COMPLETED ? 1 + random.nextInt(5) : null;
            Complaint complaint = null;
            if (score != null && (score <= 2 || random.nextInt(10) == 0)) {
                complaint = random.nextBoolean()
                        ? new Complaint("cmp-" + i, Complaint.Status.OPEN, score, "text", at, null, null, null)
                        : new Complaint("cmp-" + i, Complaint.Status.CLOSED, score, "text", at, "solved", "mgr", at);
            }
            calls.add(new FollowUpCall("call-" + run + "-" + i, branch, "wo-x-" + i, vins.get(i % vins.size()), "cust", day.minusDays(3),
                    day, status == FollowUpCall.Status.NOT_REACHED ? 3 : 0, null, status, score, null, null, null,
                    status == FollowUpCall.Status.OPEN ? null : "advisor",
                    status == FollowUpCall.Status.OPEN ? null : at, complaint, 1));
        }
        // a branch whose January satisfaction is exactly halfway between two hundredths: 40 completed calls, 87 points
        // (2.175 → 2.18)
        String halfway = "R4-" + run;
        branches = new ArrayList<>(branches);
        branches.add(halfway);
        for (int i = 0; i < 40; i++) {
            int score = i < 7 ? 3 : 2; // 7×3 + 33×2 = 87
            Instant at = month.atDay(1 + i % 28).atTime(11, 0).atZone(ZONE).toInstant();
            calls.add(new FollowUpCall("call-" + run + "-h" + i, halfway, "wo-h-" + i, vins.get(i), "cust",
                    month.atDay(1), month.atDay(3), 0, null, FollowUpCall.Status.COMPLETED, score, null, null, null,
                    "advisor", at, null, 1));
        }
        mongo.insert(calls, FollowUpCallStore.COLLECTION);

        // reminders through the broker: maintenance reminders (some reported twice), other purposes, foreign keys
        List<Reminder> reminders = new ArrayList<>();
        java.util.Set<String> reasonKeys = new java.util.HashSet<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String vin = vins.get(random.nextInt(vins.size()));
            String branch = branchOfVin.get(vin);
            LocalDate day = from.plusDays(random.nextInt(days));
            Instant at = aroundMidnight(random, day);
            String reasonKey = "maintenance-due:" + vin + ":" + day.plusDays(14 + i % 7);
            if (reasonKeys.add(reasonKey)) {
                reminders.add(new Reminder(reasonKey, vin, branch, at));
                records.add(notification(reasonKey, vin, branch, "MAINTENANCE_DUE", at));
                if (random.nextInt(10) == 0) {
                    records.add(notification(reasonKey, vin, branch, "MAINTENANCE_DUE", at)); // second channel, same send
                }
            }
            if (random.nextInt(10) == 0) {
                records.add(notification("follow-up:" + vin, vin, branch, "FOLLOW_UP", at)); // not a reminder
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            records.forEach(producer::send);
            producer.flush();
        }
        List<String> reminderBranches = branches.subList(0, 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.count(
                Query.query(Criteria.where("branchId").in(reminderBranches)), KpiQueries.REMINDERS) == reminders.size());

        // the naive recount, branch by branch
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        for (String branch : branches) {
            long services = 0;
            long parts = 0;
            long labour = 0;
            for (WorkOrder w : workOrders) {
                if (w.branchId().equals(branch) && !w.serviceDate().isBefore(first) && !w.serviceDate().isAfter(last)) {
                    services++;
                    parts += w.partsFen();
                    labour += w.labourFen();
                }
            }
            long sent = 0;
            long converted = 0;
            for (Reminder r : reminders) {
                LocalDate sentDate = r.sentAt().atZone(ZONE).toLocalDate();
                if (!r.branch().equals(branch) || sentDate.isBefore(first) || sentDate.isAfter(last)) {
                    continue;
                }
                sent++;
                boolean serviced = false;
                for (WorkOrder w : workOrders) { // any branch, any job type (README: every job is a visit)
                    if (w.vin().equals(r.vin()) && !w.serviceDate().isBefore(sentDate)
                            && !w.serviceDate().isAfter(sentDate.plusDays(CONVERSION_DAYS))) {
                        serviced = true;
                        break;
                    }
                }
                if (serviced) {
                    converted++;
                }
            }
            long responses = 0;
            long points = 0;
            long openComplaints = 0;
            for (FollowUpCall c : calls) {
                if (!c.branchId().equals(branch)) {
                    continue;
                }
                if (c.complaint() != null && c.complaint().status() == Complaint.Status.OPEN) {
                    openComplaints++;
                }
                if (c.status() == FollowUpCall.Status.COMPLETED) {
                    LocalDate completed = c.completedAt().atZone(ZONE).toLocalDate();
                    if (!completed.isBefore(first) && !completed.isAfter(last)) {
                        responses++;
                        points += c.satisfaction();
                    }
                }
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("branchId", branch);
            figures.put("month", month.toString());
            figures.put("services", services);
            figures.put("revenueFen", parts + labour);
            figures.put("partsFen", parts);
            figures.put("labourFen", labour);
            figures.put("remindersSent", sent);
            figures.put("remindersConverted", converted);
            figures.put("conversionPercent", sent == 0 ? null
                    : BigDecimal.valueOf(converted * 100).divide(BigDecimal.valueOf(sent), 1, RoundingMode.HALF_UP).doubleValue());
            figures.put("satisfactionResponses", responses);
            figures.put("satisfactionAverage", responses == 0 ? null
                    : BigDecimal.valueOf(points).divide(BigDecimal.valueOf(responses), 2, RoundingMode.HALF_UP).doubleValue());
            figures.put("openComplaints", openComplaints);
            expected.put(branch, figures);
        }
        assertThat(expected.get(halfway).get("satisfactionAverage")).isEqualTo(2.18);
        reminderBranches.forEach(b -> assertThat((Long) expected.get(b).get("services")).isPositive());

        // the endpoint: each branch as its manager and as HQ naming it, and HQ's overview of all branches
        String hqOverview = mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (String branch : branches) {
            String manager = DevTokens.bearer("manager", branch, "BRANCH_MANAGER");
            String own = mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).header("Authorization", manager))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            String named = mvc.perform(get("/api/aftersales/kpis").param("month", month.toString()).param("branchId", branch)
                            .header("Authorization", Fixtures.HQ))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            List<Map<String, Object>> inOverview = JsonPath.read(hqOverview, "$[?(@.branchId == '" + branch + "')]");
            assertThat(inOverview).as("HQ overview lists " + branch).hasSize(1);
            for (Map<String, Object> actual : List.of(JsonPath.<List<Map<String, Object>>>read(own, "$").get(0),
                    JsonPath.<List<Map<String, Object>>>read(named, "$").get(0), inOverview.get(0))) {
                assertThat(normalised(actual)).as("KPIs of " + branch).isEqualTo(expected.get(branch));
            }
        }
    }

    /** JSON numbers as long (integers) or double (fractions), for an exact comparison. */
    private static Map<String, Object> normalised(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.forEach((k, v) -> out.put(k, v instanceof Integer || v instanceof Long ? ((Number) v).longValue()
                : v instanceof Number n ? n.doubleValue() : v));
        for (String fraction : List.of("conversionPercent", "satisfactionAverage")) {
            if (out.get(fraction) instanceof Long l) {
                out.put(fraction, l.doubleValue());
            }
        }
        return out;
    }

    /** A time on {@code day} in Asia/Shanghai; a third of them within 30 minutes of midnight on either side. */
    private static Instant aroundMidnight(Random random, LocalDate day) {
        int roll = random.nextInt(3);
        if (roll == 0) {
            return day.atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(1_800)); // just after 00:00
        }
        if (roll == 1) {
            return day.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1 + random.nextInt(1_800)); // just before
        }
        return day.atTime(9 + random.nextInt(9), random.nextInt(60)).atZone(ZONE).toInstant();
    }

    private static ProducerRecord<String, byte[]> notification(String reasonKey, String vin, String branch, String purpose,
            Instant at) {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"notificationId":"ntf-%s","reasonKey":"%s","customerId":"cust-%s","branchId":"%s",
                 "channel":"SMS","purpose":"%s","provider":"sms-primary","sentAt":"%s"}"""
                .formatted(id, reasonKey, vin, branch, purpose, at);
        return TestEvents.record(id, TOPIC, "dealer.notifications.NotificationSent.v1", "cust-" + vin, 1, branch, payload);
    }
}
