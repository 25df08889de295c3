package org.dealerplatform.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.acceptance.PlatformFixture.get;
import static org.dealerplatform.acceptance.PlatformFixture.json;
import static org.dealerplatform.acceptance.PlatformFixture.post;
import static org.dealerplatform.acceptance.PlatformFixture.postWithKey;
import static org.dealerplatform.acceptance.PlatformFixture.put;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.core.ConditionFactory;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A dealership's year through the gateway only (issue 7): one story in ordered steps that share their state. Every
 * step checks the figures the dealership would see, awaiting asynchronous effects (events over Kafka) for at most
 * 30 s each. Only through the API, as a branch app would: what another service learnt from events is awaited where
 * that service shows it (the consent ledger, an after-sales customer's next steps, a sale accepted for the customer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
@DisplayName("A dealership's year through the gateway")
class DealershipYearIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String NJ = "JS-NJ-01";
    static final String SP_LI = "sp-nj-li";
    static final String SP_ZHAO = "sp-nj-zhao";
    static final long SALE_A_FEN = 25_980_000L; // 259,800 yuan: SECOND_CLASS on its own
    static final long SALE_C_FEN = 8_000_000L; // + 80,000 yuan = 339,800 yuan and 2 vehicles: FIRST_CLASS
    static final long SALE_LAST_YEAR_FEN = 20_000_000L;
    static final long SERVICE_KM = 500L;

    RunningPlatform platform;
    String sales;
    String manager;
    String advisor;
    String hq;
    String hangzhou;

    LocalDate today;
    String month;
    int year;

    String customer;      // the walk-in customer at Nanjing
    String customerMobile; // and the mobile number they give at another branch
    String buyer;         // the customer who buys the car later (and bought one last year)
    String vinServiced;   // the car the walk-in customer brings for service, later sold on
    LocalDate servicedPurchase;
    LocalDate serviceDate;
    LocalDate firstDue;
    String callId;
    String campaignCapped;
    String campaignFirstClass;

    @BeforeAll
    void start() {
        platform = PlatformFixture.platform();
        sales = platform.token("alice", NJ, "SALES");
        manager = platform.token("mgr-nj", NJ, "BRANCH_MANAGER");
        advisor = platform.token("adv-nj", NJ, "SERVICE_ADVISOR");
        hq = platform.token("boss", null, "HQ");
        hangzhou = platform.token("bob", "ZJ-HZ-01", "BRANCH_MANAGER");
        today = LocalDate.now(SHANGHAI);
        month = today.toString().substring(0, 7);
        year = today.getYear();
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(1)
    @DisplayName("CUS-1 CUS-2: a walk-in file visited 3 days ago and incomplete is overdue (reported by the check); completing it clears it")
    void walkInFileGoesOverdueAndIsCompleted() {
        LocalDate visit = today.minusDays(3);
        String mobile = mobile();
        customerMobile = mobile;
        JsonNode created = ok(post("/api/customers", sales, """
                {"name":"周明","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                """.formatted(mobile, visit)), 201);
        customer = created.path("id").asString();
        assertThat(created.path("branchId").asString()).isEqualTo(NJ);
        assertThat(created.path("complete").asBoolean()).isFalse();
        assertThat(created.path("missing").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("address", "vehicles");
        // deadline: visit date + 2 days, end of that day in Shanghai
        assertThat(java.time.Instant.parse(created.path("fileDeadline").asString()))
                .isEqualTo(visit.plusDays(3).atStartOfDay(SHANGHAI).toInstant());

        // listed as overdue, and reported once by the (shortened, 2 s) scheduled check
        awaitUp().untilAsserted(() -> assertThat(ids(ok(get("/api/customers/overdue", manager), 200))).contains(customer));
        JsonNode file = awaitUp().until(() -> ok(get("/api/customers/" + customer, sales), 200),
                f -> f.path("overdueReportedAt").isString());
        assertThat(file.path("complete").asBoolean()).isFalse();
        assertThat(file.path("overdue").asBoolean()).isTrue();

        // complete it: address (PUT replaces details) and a vehicle
        ok(put("/api/customers/" + customer, sales, """
                {"name":"周明","type":"INDIVIDUAL","mobile":"%s","address":"南京市鼓楼区中山路100号","preferredLanguage":"zh-CN"}
                """.formatted(mobile)), 200);
        serviceDate = today.minusMonths(12).plusDays(7);
        servicedPurchase = serviceDate.minusDays(40);
        vinServiced = vin();
        int vehicleStatus = post("/api/customers/" + customer + "/vehicles", sales, """
                {"vin":"%s","model":"Lavida 1.5L","category":"PASSENGER_CAR","purchaseDate":"%s"}
                """.formatted(vinServiced, servicedPurchase)).statusCode();
        assertThat(vehicleStatus).isIn(200, 201);

        JsonNode completed = ok(get("/api/customers/" + customer, sales), 200);
        assertThat(completed.path("complete").asBoolean()).isTrue();
        assertThat(completed.path("missing").isEmpty()).isTrue();
        assertThat(completed.path("overdue").asBoolean()).isFalse();
        assertThat(ids(ok(get("/api/customers/overdue", manager), 200))).doesNotContain(customer);

        // the buyer of a later resale, who bought a car from Nanjing a year ago
        buyer = ok(post("/api/customers", sales, """
                {"name":"吴芳","type":"INDIVIDUAL","mobile":"%s","address":"南京市秦淮区中华路8号","preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                """.formatted(mobile(), today)), 201).path("id").asString();

        // CUS-5 / NOT-7: the consent given on the registration form (a mobile number → SMS and phone) reaches
        // notification-service's replica by itself; then staff confirm the preferences with SMS first.
        for (String id : List.of(customer, buyer)) {
            awaitUp().until(() -> smsAllowedForNotifications(id));
            JsonNode prefs = ok(put("/api/customers/" + id + "/contact-preferences", sales,
                    "{\"consents\":{\"SMS\":true,\"PHONE\":true},\"preferredChannels\":[\"SMS\"]}"), 200);
            assertThat(prefs.path("consents").path("SMS").asBoolean()).isTrue();
            awaitUp().until(() -> smsAllowedForNotifications(id));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(2)
    @DisplayName("SAL-1 SAL-3 SAL-9 SAL-11 CUS-3: a 60/40 shared sale shows at once at branch, region, group and per salesperson; a second purchase makes the customer FIRST_CLASS")
    void sharedCreditSaleAndClassification() {
        ok(put("/api/sales/salespeople/" + SP_LI, manager, "{\"name\":\"李强\"}"), 200);
        ok(put("/api/sales/salespeople/" + SP_ZHAO, manager, "{\"name\":\"赵敏\"}"), 200);
        assertThat(ok(get("/api/sales/salespeople", manager), 200).valueStream().map(p -> p.path("id").asString()).toList())
                .contains(SP_LI, SP_ZHAO);
        // targets (HQ): even monthly schedules
        ok(put("/api/sales/targets/%d/BRANCH/%s".formatted(year, NJ), hq, "{\"targetFen\":1200000000,\"taskFen\":600000000}"), 200);
        ok(put("/api/sales/targets/%d/REGION/JIANGSU".formatted(year), hq, "{\"targetFen\":6000000000,\"taskFen\":3000000000}"), 200);
        ok(put("/api/sales/targets/%d/GROUP/GROUP".formatted(year), hq, "{\"targetFen\":12000000000,\"taskFen\":6000000000}"), 200);

        // last year's sale (the buyer), the comparison base of SAL-5; "Lavida" is a catalogue alias of the passenger
        // car "Lavida 1.5L" (SAL-12: the category is the catalogue's, and AFT-4 below targets passenger cars). Like a
        // branch app, the first sale of a customer registered a moment ago is retried with its Idempotency-Key while
        // sales-service does not know the customer yet (a 422 on customerId, REL-7)
        JsonNode lastYear = recordSale(sale(buyer, vin(), "Lavida", SALE_LAST_YEAR_FEN, today.minusYears(1), 100));
        assertThat(lastYear.path("vehicle").path("model").asString()).isEqualTo("Lavida 1.5L");
        assertThat(lastYear.path("vehicle").path("category").asString()).isEqualTo("PASSENGER_CAR");

        // this year's first sale, shared 60/40
        JsonNode saleA = recordSale(sale(customer, vin(), "Passat 330TSI", SALE_A_FEN, today, 60));
        assertThat(saleA.path("branchId").asString()).isEqualTo(NJ);
        assertThat(saleA.path("regionId").asString()).isEqualTo("JIANGSU");
        assertThat(saleA.path("salespeople").valueStream().map(s -> s.path("sharePercent").asInt()).toList()).containsExactly(60, 40);
        awaitUp().untilAsserted(() -> {
            JsonNode monthly = ok(get(report("/api/sales", "monthly", "BRANCH", NJ) + "&month=" + month, manager), 200);
            assertThat(monthly.path("total").path("amountFen").asLong()).isEqualTo(SALE_A_FEN);
        });
        awaitUp().untilAsserted(() -> {
            JsonNode c = ok(get("/api/customers/" + customer + "/classification", sales), 200);
            assertThat(c.path("storedClass").asString()).isEqualTo("SECOND_CLASS");
            assertThat(c.path("purchaseAmountFen").asLong()).isEqualTo(SALE_A_FEN);
            assertThat(c.path("purchaseCount").asInt()).isEqualTo(1);
        });

        // a second purchase crosses the FIRST_CLASS threshold (300,000 yuan or 2 vehicles)
        ok(post("/api/sales/sales", sales, sale(customer, vin(), "Tiguan L", SALE_C_FEN, today, 60)), 201);
        long total = SALE_A_FEN + SALE_C_FEN;
        awaitUp().untilAsserted(() -> {
            JsonNode c = ok(get("/api/customers/" + customer + "/classification", sales), 200);
            assertThat(c.path("storedClass").asString()).isEqualTo("FIRST_CLASS");
            assertThat(c.path("currentClass").asString()).isEqualTo("FIRST_CLASS");
            assertThat(c.path("purchaseAmountFen").asLong()).isEqualTo(total);
            assertThat(c.path("purchaseCount").asInt()).isEqualTo(2);
            assertThat(c.path("rule").path("firstClass").path("amountFen").asLong()).isEqualTo(30_000_000L);
            assertThat(ok(get("/api/customers/" + customer, sales), 200).path("customerClass").asString()).isEqualTo("FIRST_CLASS");
        });

        long li = SALE_A_FEN * 60 / 100 + SALE_C_FEN * 60 / 100;
        long zhao = SALE_A_FEN * 40 / 100 + SALE_C_FEN * 40 / 100;
        awaitUp().untilAsserted(() -> {
            // SAL-4 monthly statistics, branch level with each salesperson's share
            JsonNode branch = ok(get(report("/api/sales", "monthly", "BRANCH", NJ) + "&month=" + month, manager), 200);
            assertThat(branch.path("total").path("amountFen").asLong()).isEqualTo(total);
            assertThat(dec(branch.path("total").path("units"))).isEqualByComparingTo("2");
            assertThat(row(branch.path("byChild"), SP_LI).path("amountFen").asLong()).isEqualTo(li);
            assertThat(dec(row(branch.path("byChild"), SP_LI).path("units"))).isEqualByComparingTo("1.2");
            assertThat(row(branch.path("byChild"), SP_ZHAO).path("amountFen").asLong()).isEqualTo(zhao);
            assertThat(dec(row(branch.path("byChild"), SP_ZHAO).path("units"))).isEqualByComparingTo("0.8");
            assertThat(row(branch.path("byModel"), "Passat 330TSI").path("amountFen").asLong()).isEqualTo(SALE_A_FEN);
            assertThat(row(branch.path("bySegment"), "INDIVIDUAL").path("amountFen").asLong()).isEqualTo(total);
            JsonNode region = ok(get(report("/api/hq", "monthly", "REGION", "JIANGSU") + "&month=" + month, hq), 200);
            assertThat(region.path("total").path("amountFen").asLong()).isEqualTo(total);
            assertThat(row(region.path("byChild"), NJ).path("amountFen").asLong()).isEqualTo(total);
            JsonNode group = ok(get(report("/api/hq", "monthly", "GROUP", "GROUP") + "&month=" + month, hq), 200);
            assertThat(group.path("total").path("amountFen").asLong()).isEqualTo(total);
            assertThat(row(group.path("byChild"), "JIANGSU").path("amountFen").asLong()).isEqualTo(total);

            // SAL-9 HQ roll-up
            assertThat(rollup("GROUP", "GROUP").path("totalAmountFen").asLong()).isEqualTo(total);
            assertThat(rollup("REGION", "JIANGSU").path("totalAmountFen").asLong()).isEqualTo(total);
            assertThat(rollup("BRANCH", NJ).path("totalAmountFen").asLong()).isEqualTo(total);
            assertThat(rollup("SALESPERSON", SP_LI).path("totalAmountFen").asLong()).isEqualTo(li);
            assertThat(rollup("SALESPERSON", SP_ZHAO).path("totalAmountFen").asLong()).isEqualTo(zhao);
            assertThat(rollup("REGION", "ZHEJIANG").path("totalAmountFen").asLong()).isZero();
        });

        // SAL-3 attainment at branch, region and group (even schedules: task per month = task / 12)
        int m = today.getMonthValue();
        assertAttainment(ok(get(report("/api/sales", "attainment", "BRANCH", NJ) + "&asOf=" + today, manager), 200),
                total, 600_000_000L, 1_200_000_000L, m);
        assertAttainment(ok(get(report("/api/hq", "attainment", "REGION", "JIANGSU") + "&asOf=" + today, hq), 200),
                total, 3_000_000_000L, 6_000_000_000L, m);
        assertAttainment(ok(get(report("/api/hq", "attainment", "GROUP", "GROUP") + "&asOf=" + today, hq), 200),
                total, 6_000_000_000L, 12_000_000_000L, m);
        JsonNode liAttainment = ok(get(report("/api/sales", "attainment", "SALESPERSON", SP_LI) + "&asOf=" + today, manager), 200);
        assertThat(liAttainment.path("month").path("actualFen").asLong()).isEqualTo(li);
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(3)
    @DisplayName("AFT-2 AFT-3 AFT-5 NOT-3 NOT-4: a service computes the next due; the sweep reminds once, one SMS by the quiet-hours rule; a follow-up scored 2 raises a complaint")
    void serviceReminderAndFollowUp() {
        JsonNode known = json(awaitUp().until(() -> get("/api/aftersales/vehicles/" + vinServiced, advisor),
                r -> r.statusCode() == 200 && customer.equals(json(r).path("customerId").asString())));
        assertThat(known.path("purchaseDate").asString()).isEqualTo(servicedPurchase.toString());

        JsonNode workOrder = ok(post("/api/aftersales/work-orders", advisor, """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":%d,"items":["oil change","oil filter"],
                 "partsFen":45000,"labourFen":20000,"technician":"tech-chen"}
                """.formatted(vinServiced, serviceDate, SERVICE_KM)), 201);
        firstDue = serviceDate.plusMonths(12); // 12 months after a service (500 km in 40 days: the km come later)
        assertThat(workOrder.path("customerId").asString()).isEqualTo(customer);
        assertThat(workOrder.path("branchId").asString()).isEqualTo(NJ);
        assertThat(workOrder.path("totalFen").asLong()).isEqualTo(65_000L);
        assertThat(workOrder.path("nextDueDate").asString()).isEqualTo(firstDue.toString());
        assertThat(workOrder.path("nextDueMileageKm").asLong()).isEqualTo(SERVICE_KM + 10_000);
        JsonNode vehicle = ok(get("/api/aftersales/vehicles/" + vinServiced, advisor), 200);
        assertThat(vehicle.path("dueRule").asString()).isEqualTo("TIME");
        assertThat(vehicle.path("nextDueDate").asString()).isEqualTo(firstDue.toString());
        assertThat(firstDue).isBetween(today, today.plusDays(14)); // within the 14-day lead

        // follow-up call due 3 days after the service
        JsonNode call = awaitUp().until(() -> openCallOf(workOrder.path("id").asString()), c -> c != null);
        callId = call.path("id").asString();
        assertThat(call.path("customerId").asString()).isEqualTo(customer);
        assertThat(call.path("dueDate").asString()).isEqualTo(serviceDate.plusDays(3).toString());

        // every vehicle the sweep may see is known before it runs (the buyer's car of last year is due too)
        awaitUp().until(() -> ok(get("/api/aftersales/vehicles?customerId=" + buyer, advisor), 200).path("totalElements").asLong() == 1);
        JsonNode sweep = ok(post("/api/aftersales/reminders/sweep", hq), 200);
        assertThat(sweep.path("reminded").asLong()).as(sweep.toString()).isEqualTo(2); // this car + the buyer's
        JsonNode again = ok(post("/api/aftersales/reminders/sweep", hq), 200);
        assertThat(again.path("reminded").asLong()).isZero();
        assertThat(ok(get("/api/aftersales/vehicles/" + vinServiced, advisor), 200).path("remindedDueDates")
                .valueStream().map(JsonNode::asString).toList()).containsExactly(firstDue.toString());

        String reason = "maintenance-due:" + vinServiced + ":" + firstDue;
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        boolean quiet = !now.toLocalTime().isBefore(LocalTime.of(21, 0)) || now.toLocalTime().isBefore(LocalTime.of(8, 0));
        // outside quiet hours: handed to the SMS provider; inside: still queued, next attempt at 08:00 Shanghai
        JsonNode reminder = awaitUp().until(() -> {
            HttpResponse<String> r = get("/api/notifications/" + enc(reason), advisor);
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode n = json(r);
            boolean settled = quiet
                    ? "QUEUED".equals(n.path("status").asString()) && n.path("nextAttemptAt").isString()
                            && java.time.Instant.parse(n.path("nextAttemptAt").asString()).atZone(SHANGHAI).toLocalTime()
                                    .equals(LocalTime.of(8, 0))
                    : Set.of("SENT", "DELIVERED").contains(n.path("status").asString());
            return settled ? n : null;
        }, n -> n != null);
        assertThat(reminder.path("customerId").asString()).isEqualTo(customer);
        assertThat(reminder.path("purpose").asString()).isEqualTo("MAINTENANCE_DUE");
        if (quiet) {
            // NOT-3: deferred to the end of the quiet hours (08:00 Shanghai)
            assertThat(reminder.path("status").asString()).isEqualTo("QUEUED");
            ZonedDateTime next = java.time.Instant.parse(reminder.path("nextAttemptAt").asString()).atZone(SHANGHAI);
            assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
            assertThat(next).isAfter(now).isBefore(now.plusHours(12));
        } else {
            assertThat(reminder.path("channel").asString()).isEqualTo("SMS");
            assertThat(reminder.path("provider").asString()).isEqualTo("sms-primary");
            assertThat(reminder.path("body").asString()).startsWith("【").contains("周明", vinServiced).endsWith("回TD退订");
        }
        // NOT-4: one notification for the reason, however often the sweep runs
        assertThat(maintenanceNotifications(customer)).containsExactly(reason);

        // the follow-up call is on the branch's call list (phone; deferred like SMS in quiet hours)
        JsonNode callNotice = json(awaitUp().until(() -> get("/api/notifications/" + enc("followup:" + callId), advisor),
                r -> r.statusCode() == 200 && (quiet || "SENT".equals(json(r).path("status").asString()))));
        assertThat(callNotice.path("purpose").asString()).isEqualTo("FOLLOW_UP_CALL");
        assertThat(callNotice.path("customerId").asString()).isEqualTo(customer);
        if (!quiet) {
            assertThat(callNotice.path("channel").asString()).isEqualTo("PHONE");
        }

        // AFT-5: the call is recorded with satisfaction 2 → complaint for the branch manager
        JsonNode completion = ok(post("/api/aftersales/follow-up-calls/" + callId + "/completion", advisor, """
                {"satisfaction":2,"carUse":"daily commute","complaint":"waited two hours"}"""), 200);
        assertThat(completion.path("status").asString()).isNotEqualTo("OPEN");
        JsonNode complaints = ok(get("/api/aftersales/complaints?status=OPEN", manager), 200);
        JsonNode complaint = complaints.path("content").valueStream()
                .filter(c -> callId.equals(c.path("callId").asString())).findFirst().orElseThrow();
        assertThat(complaint.path("satisfaction").asInt()).isEqualTo(2);
        assertThat(complaint.path("customerId").asString()).isEqualTo(customer);
        assertThat(complaint.path("text").asString()).isEqualTo("waited two hours");
        assertThat(openCallOf(workOrder.path("id").asString())).isNull();
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(4)
    @DisplayName("AFT-4 AFT-8 CUS-7: a campaign never invites more than its slots; the invited customer's 360 shows the invitation")
    void campaignsWithinSlots() {
        LocalDate start = today.plusDays(7);
        // the customer's class reached after-sales (audience by class): its next steps show the class it knows
        awaitUp().until(() -> get("/api/aftersales/customers/" + customer + "/next-steps", manager),
                r -> r.statusCode() == 200 && "FIRST_CLASS".equals(json(r).path("customerClass").asString()));

        campaignCapped = ok(post("/api/aftersales/campaigns", manager, campaign("FREE_TESTING_WEEK", "免费检测周", start,
                "{\"vehicleCategories\":[\"PASSENGER_CAR\"]}")), 201).path("id").asString();
        JsonNode slots = ok(put("/api/aftersales/campaigns/" + campaignCapped + "/slots", manager,
                "{\"slots\":[{\"date\":\"%s\",\"slots\":1}]}".formatted(start)), 200);
        assertThat(slots.path("capacity").asInt()).isEqualTo(1);
        JsonNode launch = launched(post("/api/aftersales/campaigns/" + campaignCapped + "/launch", manager), manager);
        assertThat(launch.path("eligible").asInt()).isEqualTo(2); // both Nanjing customers own a passenger car
        assertThat(launch.path("invitedNow").asInt()).isEqualTo(1);
        assertThat(launch.path("invitedTotal").asInt()).isEqualTo(1);
        assertThat(launch.path("capacity").asInt()).isEqualTo(1);
        assertThat(launch.path("leftOut").asInt()).isEqualTo(1);
        JsonNode relaunch = launched(post("/api/aftersales/campaigns/" + campaignCapped + "/launch", manager), manager);
        assertThat(relaunch.path("invitedNow").asInt()).isZero();
        assertThat(relaunch.path("invitedTotal").asInt()).isEqualTo(1);
        assertThat(ok(get("/api/aftersales/campaigns/" + campaignCapped, manager), 200).path("invited").asInt()).isEqualTo(1);
        // and exactly one invitation reaches notification-service
        awaitUp().until(() -> invitations(campaignCapped).size() == 1);

        campaignFirstClass = ok(post("/api/aftersales/campaigns", manager, campaign("KNOWLEDGE_PARTY", "冬季用车知识讲座", start,
                "{\"customerClasses\":[\"FIRST_CLASS\"]}")), 201).path("id").asString();
        ok(put("/api/aftersales/campaigns/" + campaignFirstClass + "/slots", manager,
                "{\"slots\":[{\"date\":\"%s\",\"slots\":5},{\"date\":\"%s\",\"slots\":5}]}".formatted(start, start.plusDays(1))), 200);
        JsonNode firstClass = launched(post("/api/aftersales/campaigns/" + campaignFirstClass + "/launch", manager), manager);
        assertThat(firstClass.path("eligible").asInt()).isEqualTo(1);
        assertThat(firstClass.path("invitedNow").asInt()).isEqualTo(1);
        assertThat(firstClass.path("capacity").asInt()).isEqualTo(10);

        awaitUp().until(() -> invitations(campaignFirstClass).equals(List.of("campaign:" + campaignFirstClass + ":" + customer)));
        assertThat(invitations(campaignCapped)).hasSize(1); // still one after the re-launch
        awaitUp().untilAsserted(() -> {
            JsonNode c360 = ok(get("/api/customers/" + customer + "/360", sales), 200);
            assertThat(c360.path("campaignInvitations").valueStream().map(i -> i.path("campaignId").asString()).toList())
                    .contains(campaignFirstClass);
            assertThat(c360.path("purchases").size()).isEqualTo(2);
            assertThat(c360.path("followUpCalls").size()).isEqualTo(1);
        });
        JsonNode steps = ok(get("/api/aftersales/customers/" + customer + "/next-steps", advisor), 200);
        assertThat(steps.path("campaigns").valueStream().map(c -> c.path("campaignId").asString()).toList()).contains(campaignFirstClass);
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(5)
    @DisplayName("CUS-9: the serviced car is sold on; after the next sweep the reminder goes to the new owner, never to the old one")
    void soldOnCarRemindsOnlyTheNewOwner() {
        int transfer = post("/api/customers/" + customer + "/vehicles/" + vinServiced + "/transfer", sales,
                "{\"toCustomerId\":\"%s\",\"transferDate\":\"%s\"}".formatted(buyer, today)).statusCode();
        assertThat(transfer).isIn(200, 201);
        JsonNode old = ok(get("/api/customers/" + customer, sales), 200);
        assertThat(old.path("vehicles").valueStream().map(v -> v.path("vin").asString()).toList()).doesNotContain(vinServiced);
        assertThat(old.path("formerVehicles").valueStream().map(v -> v.path("vin").asString()).toList()).contains(vinServiced);
        assertThat(ok(get("/api/customers/" + buyer, sales), 200).path("vehicles").valueStream()
                .map(v -> v.path("vin").asString()).toList()).contains(vinServiced);
        awaitUp().until(() -> ok(get("/api/aftersales/vehicles/" + vinServiced, advisor), 200).path("customerId").asString(),
                buyer::equals);

        // an odometer reading brings the km due forward: a new due date, pending again
        long km = SERVICE_KM + 9_900;
        JsonNode reading = ok(post("/api/aftersales/vehicles/" + vinServiced + "/mileage", advisor,
                "{\"date\":\"%s\",\"km\":%d}".formatted(today, km)), 200);
        double rate = (double) (km - SERVICE_KM) / ChronoUnit.DAYS.between(serviceDate, today);
        LocalDate newDue = today.plusDays((long) Math.ceil((SERVICE_KM + 10_000 - km) / rate));
        assertThat(reading.path("nextDueDate").asString()).isEqualTo(newDue.toString());
        assertThat(reading.path("dueRule").asString()).isEqualTo("DISTANCE");
        assertThat(reading.path("customerId").asString()).isEqualTo(buyer);

        JsonNode sweep = ok(post("/api/aftersales/reminders/sweep", hq), 200);
        assertThat(sweep.path("reminded").asLong()).isEqualTo(1);
        String reason = "maintenance-due:" + vinServiced + ":" + newDue;
        JsonNode toBuyer = json(awaitUp().until(() -> get("/api/notifications/" + enc(reason), advisor),
                r -> r.statusCode() == 200));
        assertThat(toBuyer.path("customerId").asString()).isEqualTo(buyer);
        // the old owner still has only the reminder of before the sale
        assertThat(maintenanceNotifications(customer)).containsExactly("maintenance-due:" + vinServiced + ":" + firstDue);
        awaitUp().untilAsserted(() -> assertThat(ok(get("/api/customers/" + customer + "/360", sales), 200)
                .path("nextServiceDue").valueStream().map(n -> n.path("vin").asString()).toList()).doesNotContain(vinServiced));
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(6)
    @DisplayName("SAL-5 SAL-6: HQ compares the month with last year's and sees the market share; a Hangzhou user sees none of Jiangsu's data")
    void yearOverYearMarketShareAndIsolation() {
        int m = today.getMonthValue();
        long current = SALE_A_FEN + SALE_C_FEN;
        for (String[] unit : new String[][] {{"GROUP", "GROUP"}, {"REGION", "JIANGSU"}, {"BRANCH", NJ}}) {
            JsonNode yoy = ok(get(report("/api/hq", "year-over-year", unit[0], unit[1])
                    + "&year=%d&fromMonth=%d&toMonth=%d".formatted(year, m, m), hq), 200).path("total");
            assertThat(yoy.path("currentFen").asLong()).as(unit[1]).isEqualTo(current);
            assertThat(yoy.path("previousFen").asLong()).as(unit[1]).isEqualTo(SALE_LAST_YEAR_FEN);
            assertThat(yoy.path("changeFen").asLong()).isEqualTo(current - SALE_LAST_YEAR_FEN);
            assertThat(dec(yoy.path("growthPercent"))).isEqualByComparingTo(percent(current - SALE_LAST_YEAR_FEN, SALE_LAST_YEAR_FEN));
            assertThat(dec(yoy.path("currentUnits"))).isEqualByComparingTo("2");
            assertThat(dec(yoy.path("previousUnits"))).isEqualByComparingTo("1");
        }

        ok(put("/api/hq/market-totals", hq, "[{\"regionId\":\"JIANGSU\",\"segment\":\"INDIVIDUAL\",\"month\":\"%s\",\"units\":400}]"
                .formatted(month)), 200);
        JsonNode share = ok(get("/api/hq/reports/market-share?year=%d&regionId=JIANGSU&segment=INDIVIDUAL&fromMonth=%d&toMonth=%d"
                .formatted(year, m, m), hq), 200).path("total");
        assertThat(dec(share.path("ownUnits"))).isEqualByComparingTo("2");
        assertThat(share.path("marketUnits").asLong()).isEqualTo(400);
        assertThat(dec(share.path("sharePercent"))).isEqualByComparingTo("0.50");

        // a Zhejiang branch user: no Jiangsu file, sale, vehicle, notification or figure
        assertThat(get("/api/customers/" + customer, hangzhou).statusCode()).isEqualTo(404);
        assertThat(get("/api/customers/" + customer + "/360", hangzhou).statusCode()).isEqualTo(404);
        assertThat(ok(get("/api/customers?name=" + enc("周"), hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(ok(get("/api/customers?size=200", hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(ok(get("/api/customers/overdue", hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(ok(get("/api/sales/sales", hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(get(report("/api/sales", "monthly", "BRANCH", NJ) + "&month=" + month, hangzhou).statusCode()).isEqualTo(404);
        assertThat(get(report("/api/sales", "attainment", "SALESPERSON", SP_LI), hangzhou).statusCode()).isEqualTo(404);
        assertThat(ok(get(report("/api/sales", "monthly", "BRANCH", "ZJ-HZ-01") + "&month=" + month, hangzhou), 200)
                .path("total").path("amountFen").asLong()).isZero();
        assertThat(get(report("/api/hq", "monthly", "REGION", "JIANGSU") + "&month=" + month, hangzhou).statusCode()).isEqualTo(403);
        assertThat(get("/api/aftersales/vehicles/" + vinServiced, hangzhou).statusCode()).isEqualTo(404);
        assertThat(ok(get("/api/aftersales/vehicles", hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(ok(get("/api/aftersales/complaints", hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(get("/api/aftersales/campaigns/" + campaignFirstClass, hangzhou).statusCode()).isEqualTo(404);
        assertThat(ok(get("/api/notifications?customerId=" + customer, hangzhou), 200).path("totalElements").asLong()).isZero();
        assertThat(get("/api/notifications/" + enc("maintenance-due:" + vinServiced + ":" + firstDue), hangzhou).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------------
    @Test
    @Order(7)
    @DisplayName("INT-1: Hangzhou cannot change Nanjing's customer (404) nor sell to it (422), nothing changes; after an exact, audited mobile lookup it serves the customer once")
    void servingAGroupCustomerAtAnotherBranch() {
        String before = ok(get("/api/customers/" + customer, sales), 200).path("name").asString();
        assertThat(put("/api/customers/" + customer, hangzhou, "{\"name\":\"改名\"}").statusCode()).isEqualTo(404);
        assertThat(ok(get("/api/customers/" + customer, sales), 200).path("name").asString()).isEqualTo(before);

        ok(put("/api/sales/salespeople/sp-qian", hangzhou, "{\"name\":\"钱杭\"}"), 200);
        String hzSale = """
                {"customerId":"%s","salespeople":[{"salespersonId":"sp-qian","sharePercent":100}],
                 "vehicle":{"vin":"%s","model":"Tiguan L"},"segment":"INDIVIDUAL","amountFen":20000000,"saleDate":"%s"}""";
        HttpResponse<String> refused = post("/api/sales/sales", hangzhou, hzSale.formatted(customer, "LSVAB4183E2100001", today));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("customerId");

        JsonNode served = ok(post("/api/customers/serve-at-branch", hangzhou, "{\"mobile\":\"" + customerMobile + "\",\"purpose\":\"SALE\"}"), 200);
        assertThat(served.path("customerId").asString()).isEqualTo(customer);
        assertThat(served.path("grant").path("servingBranchId").asString()).isEqualTo("ZJ-HZ-01");
        awaitUp().untilAsserted(() -> assertThat(post("/api/sales/sales", hangzhou,
                hzSale.formatted(customer, "LSVAB4183E2100001", today)).statusCode()).isEqualTo(201));
        assertThat(post("/api/sales/sales", hangzhou, hzSale.formatted(customer, "LSVAB4185E2100002", today)).statusCode())
                .as("the grant is spent").isEqualTo(422);
        JsonNode audit = ok(get("/api/customers/" + customer + "/service-grants", manager), 200);
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("lookupKey").asString()).isEqualTo("mobile");
        assertThat(audit.get(0).path("grantedBy").asString()).isEqualTo("bob");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void assertAttainment(JsonNode a, long actual, long task, long target, int monthOfYear) {
        assertThat(a.path("month").path("actualFen").asLong()).as(a.path("unitId").asString()).isEqualTo(actual);
        assertThat(a.path("month").path("taskFen").asLong()).isEqualTo(task / 12);
        assertThat(a.path("month").path("targetFen").asLong()).isEqualTo(target / 12);
        assertThat(dec(a.path("month").path("taskAttainmentPercent"))).isEqualByComparingTo(percent(actual, task / 12));
        assertThat(a.path("yearToDate").path("actualFen").asLong()).isEqualTo(actual);
        assertThat(a.path("yearToDate").path("taskFen").asLong()).isEqualTo(task / 12 * monthOfYear);
        assertThat(a.path("fullYear").path("actualFen").asLong()).isEqualTo(actual);
        assertThat(a.path("fullYear").path("targetFen").asLong()).isEqualTo(target);
        assertThat(dec(a.path("fullYear").path("targetAttainmentPercent"))).isEqualByComparingTo(percent(actual, target));
        assertThat(a.path("fullYear").path("shortOfTargetFen").asLong()).isEqualTo(target - actual);
    }

    private JsonNode rollup(String level, String unit) {
        return ok(get("/api/hq/rollups?level=%s&unitId=%s&from=%s&to=%s".formatted(level, unit, month, month), hq), 200);
    }

    private JsonNode openCallOf(String workOrderId) {
        return ok(get("/api/aftersales/follow-up-calls?status=OPEN&size=200", advisor), 200).path("content").valueStream()
                .filter(c -> workOrderId.equals(c.path("workOrderId").asString())).findFirst().orElse(null);
    }

    private List<String> maintenanceNotifications(String customerId) {
        return ok(get("/api/notifications?size=200&customerId=" + customerId, advisor), 200).path("content").valueStream()
                .filter(n -> "MAINTENANCE_DUE".equals(n.path("purpose").asString()))
                .map(n -> n.path("id").asString()).toList();
    }

    private List<String> invitations(String campaignId) {
        return ok(get("/api/notifications?size=200", manager), 200).path("content").valueStream()
                .map(n -> n.path("id").asString()).filter(id -> id.startsWith("campaign:" + campaignId + ":")).toList();
    }

    private static String report(String base, String name, String level, String unit) {
        return base + "/reports/" + name + "?level=" + level + "&unitId=" + unit;
    }

    private static String sale(String customerId, String vin, String model, long fen, LocalDate date, int firstShare) {
        String credit = firstShare == 100 ? "[{\"salespersonId\":\"%s\",\"sharePercent\":100}]".formatted(SP_LI)
                : "[{\"salespersonId\":\"%s\",\"sharePercent\":%d},{\"salespersonId\":\"%s\",\"sharePercent\":%d}]"
                        .formatted(SP_LI, firstShare, SP_ZHAO, 100 - firstShare);
        return """
                {"customerId":"%s","salespeople":%s,"vehicle":{"vin":"%s","model":"%s","category":"PASSENGER_CAR"},
                 "segment":"INDIVIDUAL","amountFen":%d,"saleDate":"%s"}""".formatted(customerId, credit, vin, model, fen, date);
    }

    private static String campaign(String type, String name, LocalDate start, String audience) {
        return """
                {"type":"%s","name":"%s","content":"Winter check and coffee","startDate":"%s","endDate":"%s",
                 "address":"南京市江宁区汽车城路8号","audience":%s}""".formatted(type, name, start, start.plusDays(6), audience);
    }

    private static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static JsonNode row(JsonNode rows, String key) {
        return rows.valueStream().filter(r -> key.equals(r.path("key").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in " + rows));
    }

    private static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asString());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("content").forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    /**
     * A launch's result (issue 10): 200 when the job finished within the request, else 202 with the job's Location,
     * followed until the job is done; either way the same fields.
     */
    private static JsonNode launched(HttpResponse<String> response, String token) {
        if (response.statusCode() == 200) {
            return json(response);
        }
        assertThat(response.statusCode()).as(response.uri() + " → " + response.body()).isEqualTo(202);
        String location = java.net.URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ok(get(location, token), 200), job -> !"RUNNING".equals(job.path("state").asString()));
    }

    /** Whether notification-service's consent ledger (NOT-7), and so its contact replica, allows SMS to the customer now. */
    private boolean smsAllowedForNotifications(String customerId) {
        HttpResponse<String> consent = get("/api/notifications/consent/" + customerId, manager);
        return consent.statusCode() == 200 && json(consent).path("channels").path("SMS").path("allowed").asBoolean();
    }

    /** POST a sale with an Idempotency-Key, retried as a branch app would while sales-service does not know the customer yet. */
    private JsonNode recordSale(String body) {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> answer = awaitUp().until(() -> postWithKey("/api/sales/sales", sales, key, body),
                r -> r.statusCode() != 422 || !r.body().contains("customerId"));
        return ok(answer, 201);
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " → " + response.body()).isEqualTo(status);
        return json(response);
    }

    private static ConditionFactory awaitUp() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A random VIN with a valid check digit (position 9). */
    static String vin() {
        String chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder v = new StringBuilder("LSV");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 3; i < 17; i++) {
            v.append(i == 8 ? '0' : i >= 11 ? (char) ('0' + r.nextInt(10)) : chars.charAt(r.nextInt(chars.length())));
        }
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = v.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : values[letters.indexOf(c)];
            sum += value * weights[i];
        }
        int check = sum % 11;
        v.setCharAt(8, check == 10 ? 'X' : (char) ('0' + check));
        return v.toString();
    }
}
