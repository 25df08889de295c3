package org.dealerplatform.sales.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.sales.SalesFixtures;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.rollup.messaging.SaleRollupListener;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.sales.visit.persistence.VisitStore;
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
 * Issue 10 ratio benchmark (not a test): is sales-service's cost per operation flat as data grows? Each command (record
 * a sale, plan a visit, open a lead) and each consumer's event (the customer replica's registration, class, grant and
 * erasure; the HQ roll-up's recorded sale) is timed with 1,000 and then with 100,000 customers, sales, visits, leads,
 * roll-up sale records and grants stored ({@code -Dbenchmark.small}, {@code -Dbenchmark.large}; clones of what the
 * service wrote in a warm-up round, inserted in bulk). Prints each cost at both sizes and the ratio; the bar is ≤ 1.5.
 * The relay is off (a command's cost is its own, not the relay's and the roll-up's behind it); events go through the
 * listeners one at a time ({@code applyAll} of one event), as a poll of one.
 *
 * <p>Run: {@code mvn -B -o -q -T 1 -pl contracts,security-tokens,platform-test,platform,local-runtime,sales-service
 * -Pbenchmark -Dtest=VolumeBenchmarkTest test}
 */
@ServiceTest
@Tag("benchmark")
@TestPropertySource(properties = "dealer.outbox.enabled=false")
class VolumeBenchmarkTest {

    static final int SMALL = Integer.getInteger("benchmark.small", 1_000);
    static final int LARGE = Integer.getInteger("benchmark.large", 100_000);
    static final int OPS = Integer.getInteger("benchmark.volume.ops", 300);
    static final String BRANCH = "JS-NJ-01";
    static final String OTHER_BRANCH = "ZJ-HZ-01";
    static final List<String> GROWING = List.of(CustomerReplica.COLLECTION, SaleStore.COLLECTION, VisitStore.COLLECTION,
            LeadStore.COLLECTION, RollupStore.APPLIED, ServeAtBranchGrants.COLLECTION, VisitStore.BY_CUSTOMER);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerEventsListener customerEvents;
    @Autowired
    SaleRollupListener saleEvents;

    final VolumeRatios ratios = new VolumeRatios("sales-service");
    final AtomicLong offsets = new AtomicLong(1_000_000);
    String salesperson;

    @Test
    void costPerOperationAt1kAnd100kStored() throws Exception {
        salesperson = SalesFixtures.salesperson(mvc, BRANCH);
        ratios.compare(mongo, GROWING, SMALL, LARGE, OPS, this::round, VolumeBenchmarkTest::vary);
    }

    /** Gives clone {@code i} of a growing collection's template a seeded customer of its own (VolumeRatios.Vary). */
    private static void vary(String collection, Document doc, int i) {
        String customer = "seed-customer-" + i;
        switch (collection) {
            case CustomerReplica.COLLECTION -> { // as a registration writes it (the template is erased by now)
                doc.clear();
                doc.append("_id", customer).append("branchId", BRANCH).append("name", "存量客户" + i)
                        .append("type", "INDIVIDUAL").append("mobile", "139" + String.format("%08d", i))
                        .append("version", 1L);
            }
            case RollupStore.APPLIED -> doc.put("_id", "seed-sale-" + i);
            case VisitStore.BY_CUSTOMER -> { // the seeded customer's seeded visit
                doc.put("_id", customer);
                doc.put("ids", List.of("seed-" + VisitStore.COLLECTION + "-" + i));
            }
            case ServeAtBranchGrants.COLLECTION -> {
                doc.put("_id", OTHER_BRANCH + "|" + customer + "|SALE");
                doc.put("customerId", customer);
            }
            default -> {
                doc.put("customerId", customer);
                doc.put("pendingEvents", List.of());
            }
        }
    }

    /** One round: every operation {@link #OPS} times, each for customers of its own. */
    private void round(int size) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = java.util.stream.IntStream.range(0, OPS).mapToObj(i -> "vol-" + run + "-" + i).toList();
        ratios.time(size, "customer event: CustomerRegistered", OPS, i -> customerEvents.applyAll(List.of(
                event(CustomerEventsListener.TOPIC, "dealer.customers.CustomerRegistered.v1", customers.get(i), 1, """
                        {"customerId":"%s","branchId":"%s","name":"王伟","type":"INDIVIDUAL","mobile":"13900000000"}"""
                        .formatted(customers.get(i), BRANCH)))));
        ratios.time(size, "command: record a sale (POST /api/sales/sales)", OPS, i -> created("/api/sales/sales",
                SalesFixtures.saleJson(customers.get(i), null, SalesFixtures.credit(salesperson, 100), "Passat 330TSI",
                        "INDIVIDUAL", 180_000_00, "2026-11-20")));
        ratios.time(size, "command: plan a visit (POST /api/sales/visits)", OPS, i -> created("/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","plannedDate":"%s","purpose":"回访"}"""
                .formatted(salesperson, customers.get(i), LocalDate.now().plusDays(30))));
        ratios.time(size, "command: open a lead (POST /api/sales/leads)", OPS, i -> created("/api/sales/leads", """
                {"name":"李娜","source":"WALK_IN","mobile":"13912345678","salespersonId":"%s","nextFollowUpDate":"%s"}"""
                .formatted(salesperson, LocalDate.now().plusDays(3))));
        ratios.time(size, "customer event: CustomerClassified (VIP)", OPS, i -> customerEvents.applyAll(List.of(
                event(CustomerEventsListener.TOPIC, "dealer.customers.CustomerClassified.v1", customers.get(i), 2, """
                        {"customerId":"%s","branchId":"%s","newClass":"VIP"}""".formatted(customers.get(i), BRANCH)))));
        ratios.time(size, "customer event: CustomerServiceGranted", OPS, i -> customerEvents.applyAll(List.of(
                event(CustomerEventsListener.TOPIC, "dealer.customers.CustomerServiceGranted.v1", customers.get(i), 3, """
                        {"customerId":"%s","servingBranchId":"%s","purpose":"SALE","grantId":"g-%s",
                         "grantedAt":"%s","expiresAt":"%s"}""".formatted(customers.get(i), OTHER_BRANCH, customers.get(i),
                        Instant.now(), Instant.now().plusSeconds(3600))))));
        ratios.time(size, "roll-up event: SaleRecorded", OPS, i -> saleEvents.applyAll(List.of(
                event(SaleRollupListener.TOPIC, "dealer.sales.SaleRecorded.v1", "vol-sale-" + customers.get(i), 1, """
                        {"saleId":"vol-sale-%s","branchId":"%s","regionId":"JIANGSU","salespeople":[{"salespersonId":"%s",
                         "sharePercent":100}],"vehicle":{"model":"Passat 330TSI","category":"PASSENGER_CAR"},
                         "segment":"INDIVIDUAL","amountFen":18000000,"saleDate":"2026-11-20"}"""
                        .formatted(customers.get(i), BRANCH, salesperson)))));
        ratios.time(size, "customer event: CustomerErased", OPS, i -> customerEvents.applyAll(List.of(
                event(CustomerEventsListener.TOPIC, "dealer.customers.CustomerErased.v1", customers.get(i), 4, """
                        {"customerId":"%s","branchId":"%s"}""".formatted(customers.get(i), BRANCH)))));
    }

    private void created(String path, String json) throws Exception {
        mvc.perform(post(path).header("Authorization", SalesFixtures.NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andExpect(status().isCreated());
    }

    private IncomingEvent event(String topic, String type, String subject, long version, String json) {
        String id = UUID.randomUUID().toString();
        return new IncomingEvent(id, type, "/benchmark", subject, Instant.now(), version, "corr-" + id, null, BRANCH, null,
                json.getBytes(StandardCharsets.UTF_8), topic, 0, offsets.incrementAndGet());
    }
}
