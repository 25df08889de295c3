package org.dealerplatform.aftersales.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignInvitation;
import org.dealerplatform.aftersales.campaign.CampaignType;
import org.dealerplatform.aftersales.campaign.WorkshopSlots;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.aftersales.followup.messaging.VehicleEventsListener;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.kpi.messaging.NotificationEventsListener;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.messaging.SaleEventsListener;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.VolumeRatios;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10 ratio benchmark (not a test): is aftersales-service's cost per operation flat as data grows? Each command
 * (record a work order, record a mileage reading, complete a follow-up call) and each consumer's event (the customer
 * replica's registration, consent, class, grant, vehicle registration, ownership transfer, merge and erasure; the sold
 * vehicles' SaleRecorded; the follow-up scheduling's MaintenanceRecorded; the reminders' and invitations'
 * NotificationSent / NotificationFailed) is timed with 1,000 and then with 100,000 customers, vehicles, work orders,
 * follow-up calls, reminders sent, campaign invitations and grants stored ({@code -Dbenchmark.small},
 * {@code -Dbenchmark.large}; clones of what the service wrote in a warm-up round, inserted in bulk). Prints each cost at
 * both sizes and the ratio; the bar is ≤ 1.5. The relay is off (a command's cost is its own); events go through the
 * listeners one at a time ({@code applyAll} of one event), as a poll of one.
 *
 * <p>Run: {@code mvn -B -o -q -T 1 -pl contracts,security-tokens,platform-test,platform,local-runtime,aftersales-service
 * -Pbenchmark -Dtest=VolumeBenchmarkTest test}
 */
@ServiceTest
@Tag("benchmark")
@TestPropertySource(properties = "dealer.outbox.enabled=false")
class VolumeBenchmarkTest {

    static final int SMALL = Integer.getInteger("benchmark.small", 1_000);
    static final int LARGE = Integer.getInteger("benchmark.large", 100_000);
    static final int OPS = Integer.getInteger("benchmark.volume.ops", 300);
    static final String BRANCH = Fixtures.NANJING;
    static final List<String> GROWING = List.of(CustomerReplica.COLLECTION, VehicleStore.COLLECTION, WorkOrders.COLLECTION,
            FollowUpCallStore.COLLECTION, KpiQueries.REMINDERS, InvitationStore.COLLECTION, ServeAtBranchGrants.COLLECTION,
            VehicleStore.BY_CUSTOMER);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerEventsListener customerEvents;
    @Autowired
    SaleEventsListener saleEvents;
    @Autowired
    VehicleEventsListener vehicleEvents;
    @Autowired
    NotificationEventsListener notificationEvents;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    InvitationStore invitations;

    final VolumeRatios ratios = new VolumeRatios("aftersales-service");
    final AtomicLong offsets = new AtomicLong(1_000_000);

    @Test
    void costPerOperationAt1kAnd100kStored() throws Exception {
        ratios.compare(mongo, GROWING, SMALL, LARGE, OPS, this::round, VolumeBenchmarkTest::vary);
    }

    /** Gives clone {@code i} of a growing collection's template a seeded customer and vehicle of its own (VolumeRatios.Vary). */
    private static void vary(String collection, Document doc, int i) {
        String customer = "seed-customer-" + i;
        String vin = Fixtures.seededVin("SEED", i);
        switch (collection) {
            case CustomerReplica.COLLECTION -> { // as a registration and a consent write it (the template is erased)
                doc.clear();
                doc.append("_id", customer).append("branchId", BRANCH).append("name", "存量客户" + i)
                        .append("mobile", "139" + String.format("%08d", i)).append("preferredLanguage", "zh-CN")
                        .append("version", 1L);
            }
            case VehicleStore.COLLECTION -> {
                doc.put("_id", vin);
                doc.put("customerId", customer);
                doc.put("pendingEvents", List.of());
            }
            case VehicleStore.BY_CUSTOMER -> { // the seeded customer's seeded vehicle
                doc.put("_id", customer);
                doc.put("ids", List.of(vin));
            }
            case KpiQueries.REMINDERS -> {
                doc.put("_id", "maintenance-due:" + vin + ":2026-10-20");
                doc.put("vin", vin);
                doc.put("customerId", customer);
            }
            case InvitationStore.COLLECTION -> {
                doc.put("_id", CampaignInvitation.idOf("seed-campaign", customer));
                doc.put("customerId", customer);
                doc.put("pendingEvents", List.of());
            }
            case ServeAtBranchGrants.COLLECTION -> {
                doc.put("_id", Fixtures.HANGZHOU + "|" + customer + "|WORK_ORDER");
                doc.put("customerId", customer);
            }
            default -> {
                doc.put("vin", vin);
                doc.put("customerId", customer);
                doc.put("pendingEvents", List.of());
            }
        }
    }

    /** One round: every operation {@link #OPS} times, each on customers and vehicles of its own. */
    private void round(int size) throws Exception {
        String run = Fixtures.runPrefix();
        List<String> customers = IntStream.range(0, OPS).mapToObj(i -> "vol-" + run + "-" + i).toList();
        List<String> vins = IntStream.range(0, OPS).mapToObj(i -> Fixtures.seededVin(run + "R", i)).toList();
        List<String> sold = IntStream.range(0, OPS).mapToObj(i -> Fixtures.seededVin(run + "S", i)).toList();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        ratios.time(size, "customer event: CustomerRegistered", OPS, i -> customer(i, customers, "CustomerRegistered", 1, """
                {"customerId":"%s","branchId":"%s","name":"王伟","mobile":"13900000000","preferredLanguage":"zh-CN"}"""));
        ratios.time(size, "customer event: ContactPreferencesChanged", OPS, i -> customer(i, customers,
                "ContactPreferencesChanged", 2, """
                {"customerId":"%s","branchId":"%s","consents":{"SMS":true,"EMAIL":false,"LETTER":false,"PHONE":true}}"""));
        ratios.time(size, "customer event: VehicleRegistered", OPS, i -> customerEvents.applyAll(List.of(event(
                CustomerEventsListener.TOPIC, "dealer.customers.VehicleRegistered.v1", customers.get(i), 3, """
                        {"customerId":"%s","branchId":"%s","vehicle":{"vin":"%s","model":"Passat 330TSI",
                         "category":"PASSENGER_CAR","plate":"苏A12345"},"purchaseDate":"%s"}"""
                        .formatted(customers.get(i), BRANCH, vins.get(i), today.minusMonths(7))))));
        ratios.time(size, "customer event: CustomerClassified", OPS, i -> customer(i, customers, "CustomerClassified", 4, """
                {"customerId":"%s","branchId":"%s","newClass":"VIP"}"""));
        ratios.time(size, "customer event: CustomerServiceGranted", OPS, i -> customerEvents.applyAll(List.of(event(
                CustomerEventsListener.TOPIC, "dealer.customers.CustomerServiceGranted.v1", customers.get(i), 5, """
                        {"customerId":"%s","servingBranchId":"%s","purpose":"WORK_ORDER","grantId":"g-%s",
                         "grantedAt":"%s","expiresAt":"%s"}""".formatted(customers.get(i), Fixtures.HANGZHOU,
                        customers.get(i), Instant.now(), Instant.now().plusSeconds(3600))))));
        ratios.time(size, "sale event: SaleRecorded (a sold vehicle)", OPS, i -> saleEvents.applyAll(List.of(event(
                SaleEventsListener.TOPIC, "dealer.sales.SaleRecorded.v1", "sale-" + sold.get(i), 1, """
                        {"saleId":"sale-%s","branchId":"%s","customerId":"%s","vehicle":{"vin":"%s","model":"Passat 330TSI",
                         "category":"PASSENGER_CAR","plate":null},"saleDate":"%s"}"""
                        .formatted(sold.get(i), BRANCH, customers.get(i), sold.get(i), today.minusDays(1))))));
        List<String> workOrders = new ArrayList<>();
        ratios.time(size, "command: record a work order (POST /work-orders)", OPS, i -> workOrders.add(JsonPath.read(
                created("/api/aftersales/work-orders", """
                        {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":5120,
                         "items":["oil change","filter"],"partsFen":45000,"labourFen":20000,"technician":"tech-chen"}"""
                        .formatted(vins.get(i), today.minusDays(1)), 201), "$.id")));
        ratios.time(size, "vehicle event: MaintenanceRecorded (follow-up call)", OPS, i -> vehicleEvents.applyAll(List.of(
                event(VehicleEventsListener.TOPIC, "dealer.aftersales.MaintenanceRecorded.v1", vins.get(i), 2, """
                        {"workOrderId":"%s","vin":"%s","customerId":"%s","branchId":"%s","jobType":"MAINTENANCE",
                         "serviceDate":"%s","mileageKm":5120,"items":["oil change"],"partsFen":45000,"labourFen":20000,
                         "technician":"tech-chen","recordedAt":"%s"}""".formatted(workOrders.get(i), vins.get(i),
                        customers.get(i), BRANCH, today.minusDays(1), Instant.now())))));
        ratios.time(size, "command: record a mileage reading (POST /vehicles/{vin}/mileage)", OPS, i -> created(
                "/api/aftersales/vehicles/" + vins.get(i) + "/mileage", """
                        {"date":"%s","km":6200}""".formatted(today), 200));
        ratios.time(size, "command: complete a follow-up call (POST …/completion)", OPS, i -> created(
                "/api/aftersales/follow-up-calls/call-" + workOrders.get(i) + "/completion", """
                        {"satisfaction":5,"carUse":"commute","newRequests":null,"complaint":null}""", 200));
        ratios.time(size, "notification event: NotificationSent (reminder)", OPS, i -> notificationEvents.applyAll(List.of(
                event(NotificationEventsListener.TOPIC, "dealer.notifications.NotificationSent.v1", customers.get(i), 1, """
                        {"notificationId":"n-%s","reasonKey":"maintenance-due:%s:%s","customerId":"%s","branchId":"%s",
                         "purpose":"MAINTENANCE_DUE","sentAt":"%s"}""".formatted(vins.get(i), vins.get(i), today.plusDays(30),
                        customers.get(i), BRANCH, Instant.now())))));
        Campaign campaign = launched(customers);
        ratios.time(size, "notification event: NotificationFailed (invitation)", OPS, i -> notificationEvents.applyAll(
                List.of(event(NotificationEventsListener.TOPIC, "dealer.notifications.NotificationFailed.v1", campaign.id(), 1,
                        """
                        {"notificationId":"nf-%s","reasonKey":"%s","customerId":"%s","branchId":"%s","status":"BOUNCED"}"""
                        .formatted(customers.get(i), Campaign.reasonKey(campaign.id(), customers.get(i)), customers.get(i),
                                BRANCH)))));
        ratios.time(size, "customer event: VehicleOwnershipTransferred", OPS, i -> customerEvents.applyAll(List.of(event(
                CustomerEventsListener.TOPIC, "dealer.customers.VehicleOwnershipTransferred.v1", customers.get(i), 6, """
                        {"vin":"%s","fromCustomerId":"%s","toCustomerId":"%s","branchId":"%s","transferDate":"%s"}"""
                        .formatted(sold.get(i), customers.get(i), customers.get((i + 1) % OPS), BRANCH, today)))));
        ratios.time(size, "customer event: CustomersMerged", OPS, i -> customerEvents.applyAll(List.of(event(
                CustomerEventsListener.TOPIC, "dealer.customers.CustomersMerged.v1", customers.get(i), 7, """
                        {"survivingCustomerId":"%s","mergedCustomerId":"%s"}"""
                        .formatted(customers.get(i), customers.get((i + 1) % OPS))))));
        ratios.time(size, "customer event: CustomerErased", OPS, i -> customer(i, customers, "CustomerErased", 8, """
                {"customerId":"%s","branchId":"%s"}"""));
    }

    /** A launched Nanjing campaign that invited {@code customers} (as InvitationOutcomesTest builds one). */
    private Campaign launched(List<String> customers) {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        Campaign campaign = Campaign.plan("camp-" + UUID.randomUUID(), BRANCH, CampaignType.FREE_TESTING_WEEK,
                "免费检测周", "Free inspection", day, day, "展厅", null, "manager-nj");
        int n = customers.size();
        campaign.declareSlots(List.of(new WorkshopSlots(day, n)));
        Instant now = Instant.now();
        campaign.startLaunch("launch-t", day.minusDays(10), now);
        campaign.launchProgress("launch-t", n, n, n, n, 0, 0);
        campaign.finishLaunch("launch-t", now);
        campaigns.insert(campaign);
        invitations.insertAll(customers.stream().map(c -> CampaignInvitation.invite(campaign.id(), BRANCH, c,
                Fixtures.vin(), null, "launch-t", now)).toList());
        return campaign;
    }

    private void customer(int i, List<String> customers, String type, long version, String json) {
        customerEvents.applyAll(List.of(event(CustomerEventsListener.TOPIC, "dealer.customers." + type + ".v1",
                customers.get(i), version, json.formatted(customers.get(i), BRANCH))));
    }

    private String created(String path, String json, int status) throws Exception {
        return mvc.perform(post(path).header("Authorization", Fixtures.NANJING_ADVISOR).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
    }

    private IncomingEvent event(String topic, String type, String subject, long version, String json) {
        String id = UUID.randomUUID().toString();
        return new IncomingEvent(id, type, "/benchmark", subject, Instant.now(), version, "corr-" + id, null, BRANCH, null,
                json.getBytes(StandardCharsets.UTF_8), topic, 0, offsets.incrementAndGet());
    }
}
