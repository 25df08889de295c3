package org.dealerplatform.customer.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.classification.messaging.SaleEventsListener;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.imports.application.CustomerImport;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.outbox.OutboxLease;
import org.dealerplatform.platform.outbox.OutboxRelay;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.test.ServiceTest;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10 ratio benchmark (not a test): the cost of a registration (the real endpoint, its events published by a
 * running relay), of an import row, and of a relay poll, with 1,000 and then 100,000 customers stored
 * ({@code -Dbenchmark.small}, {@code -Dbenchmark.large}). Prints each cost at both sizes and the ratio; the bar is
 * ≤ 1.5. As a baseline, the relay's former poll (a scan for documents with pending events) is timed at both sizes.
 *
 * <p>Run: {@code mvn -B -ntp -pl customer-service -am test -Pbenchmark -Dtest=CustomerVolumeBenchmarkTest}
 */
@Tag("benchmark")
@ServiceTest
// its own context (only under -Pbenchmark): the application's relay is off, the benchmark runs relays of its own
@TestPropertySource(properties = "dealer.outbox.enabled=false")
class CustomerVolumeBenchmarkTest {

    static final int SMALL = Integer.getInteger("benchmark.small", 1_000);
    static final int LARGE = Integer.getInteger("benchmark.large", 100_000);
    static final int REGISTRATIONS = 1_000;
    static final int IMPORT_ROWS = 2_000;
    static final int POLLS = 2_000;
    static final int BUSY_POLLS = 300;
    static final int SALE_EVENTS = 500;
    /** PurchaseLedger's listing of each customer's purchases (issue 10), seeded beside the purchases. */
    static final String PURCHASES_BY_CUSTOMER = PurchaseLedger.COLLECTION + "_by_customerId";
    static final Caller NANJING = new Caller("alice", java.util.Set.of(Role.SALES), CustomerApi.NANJING);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    OutboxSignal signal;
    @Autowired
    CustomerStore customers;
    @Autowired
    CustomerImport imports;
    @Autowired
    SaleEventsListener saleEvents;

    private int nextMobile;
    /** The next stored customer a benchmark sale is for: each has exactly one purchase stored before it. */
    private int saleCustomer;
    private final List<String> seedIds = new ArrayList<>();
    private Document template;

    record Costs(int stored, Histogram registration, double registrationMicros, double importRowMicros,
            double idlePollMicros, double busyPollMicros, double formerScanMicros, double saleEventMicros,
            double formerLedgerReadMicros, long gcMillis, long heapMiB) {
    }

    @Test
    void costPerOperationAt1kAnd100kStored() throws Exception {
        register(1); // the shape of a stored file, copied by the seeding
        template = mongo.findOne(new Query(), Document.class, CustomerStore.COLLECTION);
        measureAt(SMALL); // warms the JIT up, discarded
        mongo.remove(new Query(), CustomerStore.COLLECTION);
        mongo.remove(new Query(), PurchaseLedger.COLLECTION);
        mongo.remove(new Query(), PURCHASES_BY_CUSTOMER);
        seedIds.clear();
        saleCustomer = 0;
        Costs small = measureAt(SMALL);
        Costs large = measureAt(LARGE);

        System.out.println();
        System.out.println("== customer-service cost per operation, embedded MongoDB-wire server (issue 10 ratio bar ≤ 1.5)");
        System.out.printf(Locale.ROOT, "   %-44s %14s %14s %7s%n", "operation", SMALL + " stored", LARGE + " stored", "ratio");
        row("registration (POST, published), mean", small.registrationMicros(), large.registrationMicros());
        row("registration p50", small.registration().getValueAtPercentile(50), large.registration().getValueAtPercentile(50));
        row("registration p99", small.registration().getValueAtPercentile(99), large.registration().getValueAtPercentile(99));
        row("import, per row (chunks of 1,000)", small.importRowMicros(), large.importRowMicros());
        row("relay poll, nothing pending", small.idlePollMicros(), large.idlePollMicros());
        row("relay poll, 10 updated files to publish", small.busyPollMicros(), large.busyPollMicros());
        row("baseline: former poll (scan for pending)", small.formerScanMicros(), large.formerScanMicros());
        row("sale event (purchase ledger, re-classification)", small.saleEventMicros(), large.saleEventMicros());
        row("baseline: former ledger read (query on customerId)", small.formerLedgerReadMicros(),
                large.formerLedgerReadMicros());
        System.out.printf(Locale.ROOT, "   %-44s %12d ms %12d ms%n", "GC pauses during the measurements", small.gcMillis(),
                large.gcMillis());
        System.out.printf(Locale.ROOT, "   %-44s %11d MiB %11d MiB%n", "heap used (the in-memory database is in it)",
                small.heapMiB(), large.heapMiB());
        System.out.println("   (µs per operation after a discarded warm-up round; registrations: " + REGISTRATIONS
                + " sequential after 200 more, including the relay publishing them; import: " + IMPORT_ROWS
                + " rows until published; polls: " + POLLS + " idle, " + BUSY_POLLS + " busy; sale events: " + SALE_EVENTS
                + " SaleRecorded of stored customers, each with one purchase stored)");
        System.out.println();
    }

    private static void row(String what, double small, double large) {
        System.out.printf(Locale.ROOT, "   %-44s %12.1f µs %12.1f µs %7.2f%n", what, small, large, large / small);
    }

    private Costs measureAt(int stored) throws Exception {
        seedTo(stored);
        System.gc();
        long gcBefore = gcMillis();
        OutboxRelay relay = relay("bench-relay");
        relay.start();
        Histogram registration = new Histogram(60_000_000L, 3);
        double registrationMicros;
        double importRowMicros;
        try {
            register(200);
            drain();
            long start = System.nanoTime();
            for (int i = 0; i < REGISTRATIONS; i++) {
                long t = System.nanoTime();
                register(1);
                registration.recordValue((System.nanoTime() - t) / 1_000);
            }
            drain();
            registrationMicros = (System.nanoTime() - start) / 1_000.0 / REGISTRATIONS;

            StringBuilder csv = new StringBuilder("name,type,mobile,address\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                csv.append("导入客户").append(i).append(",INDIVIDUAL,").append(mobile()).append(",南京市鼓楼区中山路").append(i)
                        .append("号\n");
            }
            start = System.nanoTime();
            imports.importCsv(new StringReader(csv.toString()), false, NANJING, (rows, done) -> { });
            drain();
            importRowMicros = (System.nanoTime() - start) / 1_000.0 / IMPORT_ROWS;
        } finally {
            relay.stop();
        }

        // polls of a relay that is not started, driven from here
        OutboxRelay polling = relay("bench-poll");
        long start = System.nanoTime();
        for (int i = 0; i < POLLS; i++) {
            polling.poll();
        }
        double idlePollMicros = (System.nanoTime() - start) / 1_000.0 / POLLS;

        long busyNanos = 0;
        for (int i = 0; i < BUSY_POLLS; i++) {
            for (int j = 0; j < 10; j++) {
                Customer file = customers.findById(seedIds.get((i * 10 + j) % seedIds.size())).orElseThrow();
                file.updateDetails(file.name(), CustomerType.INDIVIDUAL, file.mobile(), null, "地址 " + i, "zh-CN",
                        List.of(), null, Clock.systemUTC().instant());
                customers.update(file);
            }
            long t = System.nanoTime();
            polling.poll();
            busyNanos += System.nanoTime() - t;
        }
        double busyPollMicros = busyNanos / 1_000.0 / BUSY_POLLS;

        Query former = Query.query(Criteria.where("pendingEvents.id").exists(true)).limit(500);
        former.fields().include("pendingEvents");
        int runs = 20;
        start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            mongo.find(former, Document.class, CustomerStore.COLLECTION);
        }
        double formerScanMicros = (System.nanoTime() - start) / 1_000.0 / runs;

        // CUS-3: a sale of a stored customer: the purchase ledger, then the customer's purchases read to re-classify
        seedPurchases(stored);
        start = System.nanoTime();
        for (int i = 0; i < SALE_EVENTS; i++) {
            String customer = seedIds.get(saleCustomer++);
            String saleId = "bench-sale-" + stored + "-" + i;
            saleEvents.applyAll(List.of(new IncomingEvent(saleId, "dealer.sales.SaleRecorded.v1", "/sales-service", saleId,
                    Instant.now(), 1, "corr-" + saleId, null, CustomerApi.NANJING, null, """
                    {"saleId":"%s","branchId":"%s","customerId":"%s","vehicle":{"vin":"LSVAU2180N2%06d","model":"Passat 330TSI"},
                     "segment":"INDIVIDUAL","amountFen":18000000,"saleDate":"2026-11-20"}"""
                    .formatted(saleId, CustomerApi.NANJING, customer, i).getBytes(StandardCharsets.UTF_8),
                    SaleEventsListener.TOPIC, 0, i)));
        }
        double saleEventMicros = (System.nanoTime() - start) / 1_000.0 / SALE_EVENTS;
        // the ledger's per-customer read before issue 10's listing: a query on {customerId, status}, sorted
        start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            mongo.find(Query.query(Criteria.where("customerId").is(seedIds.get(i)).and("status").is("ACTIVE"))
                    .with(org.springframework.data.domain.Sort.by("saleDate", "_id")), Document.class, PurchaseLedger.COLLECTION);
        }
        double formerLedgerReadMicros = (System.nanoTime() - start) / 1_000.0 / runs;
        return new Costs(stored, registration, registrationMicros, importRowMicros, idlePollMicros, busyPollMicros,
                formerScanMicros, saleEventMicros, formerLedgerReadMicros, gcMillis() - gcBefore, heapUsedMiB());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private OutboxRelay relay(String name) {
        OutboxLease lease = new OutboxLease(mongo, name, name, Duration.ofSeconds(60), Clock.systemUTC());
        lease.hold();
        return new OutboxRelay(mongo, kafka, signal, List.of(CustomerStore.COLLECTION), lease, "/customer-service",
                Duration.ofMillis(500), 500, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** Stores files (no pending events) in the shape of a registered one, until {@code stored} are on file. */
    private void seedTo(int stored) {
        long have = mongo.estimatedCount(CustomerStore.COLLECTION);
        List<Document> batch = new ArrayList<>();
        for (long i = have; i < stored; i++) {
            Document file = new Document(template);
            String id = "seed-" + mobile();
            seedIds.add(id);
            file.put("_id", id);
            file.put("mobile", mobile());
            file.put("name", "存量客户" + i);
            file.put("version", 1L);
            file.put("pendingEvents", List.of());
            batch.add(file);
            if (batch.size() == 5_000) {
                mongo.insert(batch, CustomerStore.COLLECTION);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, CustomerStore.COLLECTION);
        }
    }

    /** One active purchase per seeded customer file, as the ledger stores it, with its entry in the listing. */
    private void seedPurchases(int stored) {
        long have = mongo.estimatedCount(PurchaseLedger.COLLECTION);
        List<Document> purchases = new ArrayList<>();
        List<Document> listed = new ArrayList<>();
        for (int i = (int) have; i < Math.min(stored, seedIds.size()); i++) {
            String saleId = "seed-sale-" + i;
            purchases.add(new Document("_id", saleId).append("customerId", seedIds.get(i))
                    .append("branchId", CustomerApi.NANJING).append("amountFen", 18_000_000L).append("saleDate", "2026-06-01")
                    .append("vin", "LSVAU2180N1" + String.format(Locale.ROOT, "%06d", i)).append("model", "Passat 330TSI")
                    .append("segment", "INDIVIDUAL").append("status", "ACTIVE").append("saleVersion", 1L).append("rev", 1L));
            listed.add(new Document("_id", seedIds.get(i)).append("ids", List.of(saleId)));
            if (purchases.size() == 5_000) {
                mongo.insert(purchases, PurchaseLedger.COLLECTION);
                mongo.insert(listed, PURCHASES_BY_CUSTOMER);
                purchases = new ArrayList<>();
                listed = new ArrayList<>();
            }
        }
        if (!purchases.isEmpty()) {
            mongo.insert(purchases, PurchaseLedger.COLLECTION);
            mongo.insert(listed, PURCHASES_BY_CUSTOMER);
        }
    }

    private void register(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            mvc.perform(post("/api/customers").header("Authorization", CustomerApi.NANJING_SALES)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"name":"王伟","type":"INDIVIDUAL","mobile":"%s","address":"南京市鼓楼区中山路1号",
                                     "preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20"}""".formatted(mobile())))
                    .andExpect(status().isCreated());
        }
    }

    /** Waits until the relay has published every pending event (no hint of a customer file left). */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Query hinted = Query.query(Criteria.where("collection").is(CustomerStore.COLLECTION));
        while (mongo.exists(hinted, "outbox_hints")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not drain within 120 s");
            }
            Thread.sleep(5);
        }
    }

    private String mobile() {
        return "15" + String.format(Locale.ROOT, "%09d", nextMobile++);
    }
}
