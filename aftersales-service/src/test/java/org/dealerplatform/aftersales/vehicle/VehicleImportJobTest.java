package org.dealerplatform.aftersales.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.aftersales.reminder.SweepResult;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 10: a dealer group's vehicles and service history arrive as CSV import jobs (the platform's job plumbing, as
 * customer-service's CUS-8 import): 202 with the job, progress, a row report by line, Idempotency-Key, branch
 * scoping; the imported vehicles' due dates are computed so the reminder sweep (AFT-3) finds them. Dates lie in 2011,
 * long before the other tests' vehicles fall due.
 */
@ServiceTest
class VehicleImportJobTest {

    static final LocalDate TODAY = LocalDate.of(2011, 7, 1);
    static final int LEAD_DAYS = 14;

    @Autowired
    MockMvc mvc;
    @Autowired
    VehicleStore store;
    @Autowired
    MaintenancePlanCatalogue plans;
    @Autowired
    BusinessCalendar calendar;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    final List<String> prefixes = new ArrayList<>();

    /** This run's VINs (a prefix of its own). */
    String prefix() {
        String prefix = Fixtures.runPrefix();
        prefixes.add(prefix);
        return prefix;
    }

    /**
     * Removes this test's vehicles and their due-day entries: due in 2011, they would be reminded by the sweeps of other
     * tests, and entries left behind would fill those sweeps' batches (ReminderSweepAtScaleTest counts its first two).
     */
    @AfterEach
    void removeVehicles() {
        for (org.bson.Document bucket : mongo.findAll(org.bson.Document.class, "vehicle_due_days")) {
            List<Object> ours = bucket.getList("vins", Object.class, List.of()).stream()
                    .filter(vin -> prefixes.stream().anyMatch(prefix -> ((String) vin).startsWith(prefix))).toList();
            if (!ours.isEmpty()) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(bucket.get("_id"))),
                        new org.springframework.data.mongodb.core.query.Update().pullAll("vins", ours.toArray()),
                        "vehicle_due_days");
            }
        }
        for (String prefix : prefixes) {
            mongo.remove(Query.query(Criteria.where("_id").regex("^" + prefix)), VehicleStore.COLLECTION);
        }
    }

    MockHttpServletRequestBuilder upload(String path, String auth, String csv) {
        return post(path).header("Authorization", auth).contentType("text/csv")
                .content(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts an import (202 with a Location) and follows the job until it is done; its last answer. */
    String run(MockHttpServletRequestBuilder request, String auth) throws Exception {
        String location = mvc.perform(request).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value(org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "DONE")))
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).contains("/api/aftersales/import-jobs/");
        return finished(auth, location);
    }

    String finished(String auth, String location) throws Exception {
        return await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() ->
                mvc.perform(get(location).header("Authorization", auth)).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
                body -> !List.of("QUEUED", "RUNNING").contains(JsonPath.<String>read(body, "$.status")));
    }

    @Test
    @DisplayName("issue 10 AFT-3 a 10,000-row vehicle import job finishes with a report by line (bad rows with reasons, good rows kept), "
            + "its due vehicles are swept (one MaintenanceDue each), and the same Idempotency-Key or the same file again creates nothing")
    void tenThousandVehiclesThenSweep() throws Exception {
        String prefix = prefix();
        StringBuilder csv = new StringBuilder("\uFEFFvin,customerId,model,category,plate,purchaseDate,mileageKm,mileageDate\n");
        Map<Long, String> badRows = new HashMap<>(); // line -> column
        Map<String, LocalDate> purchaseOf = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            long line = i + 2;
            String vin = Fixtures.seededVin(prefix, i);
            // purchases from 2009-07 to 2011-06: a few percent fall due within the lead time of TODAY
            LocalDate purchase = TODAY.minusDays(1 + (i % 720));
            String purchaseText = purchase.toString();
            String category = i % 3 == 0 ? "SUV" : "";
            String km = "";
            if (i % 50 == 7) {
                switch ((i / 50) % 4) {
                    case 0 -> { vin = "TOO-SHORT"; badRows.put(line, "vin"); }
                    case 1 -> { purchaseText = ""; badRows.put(line, "purchaseDate"); }
                    case 2 -> { purchaseText = "2099-01-01"; badRows.put(line, "purchaseDate"); }
                    default -> { category = "SPACESHIP"; badRows.put(line, "category"); }
                }
            } else {
                purchaseOf.put(vin, purchase);
            }
            csv.append(vin).append(",cust-").append(prefix).append(i).append(",Lavida,").append(category).append(",,")
                    .append(purchaseText).append(',').append(km).append(",\n");
        }
        String key = UUID.randomUUID().toString();
        String body = run(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, csv.toString())
                .header("Idempotency-Key", key), Fixtures.NANJING_ADVISOR);

        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("DONE");
        assertThat(JsonPath.<String>read(body, "$.branchId")).isEqualTo(Fixtures.NANJING);
        assertThat(JsonPath.<Integer>read(body, "$.rows")).isEqualTo(10_000);
        assertThat(JsonPath.<Integer>read(body, "$.rowsDone")).isEqualTo(10_000);
        assertThat(JsonPath.<Integer>read(body, "$.created")).isEqualTo(10_000 - badRows.size());
        assertThat(JsonPath.<Integer>read(body, "$.problemCount")).isEqualTo(badRows.size());
        List<Number> lines = JsonPath.read(body, "$.problems[*].row");
        List<String> fields = JsonPath.read(body, "$.problems[*].field");
        List<String> reasons = JsonPath.read(body, "$.problems[*].reason");
        Map<Long, String> reported = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            reported.put(lines.get(i).longValue(), fields.get(i));
            assertThat(reasons.get(i)).isNotBlank();
        }
        assertThat(reported).isEqualTo(badRows);

        // stored with their due dates, as the domain computes them
        List<ServicedVehicle> stored = store.findAllById(purchaseOf.keySet());
        assertThat(stored).hasSize(purchaseOf.size());
        Set<String> expectedDue = new TreeSet<>();
        for (ServicedVehicle vehicle : stored) {
            ServicedVehicle same = ServicedVehicle.register(vehicle.id(), Fixtures.NANJING, vehicle.customerId(), "Lavida",
                    vehicle.category(), null, purchaseOf.get(vehicle.id()), plans);
            assertThat(vehicle.nextDueDate()).isEqualTo(same.nextDueDate());
            assertThat(vehicle.branchId()).isEqualTo(Fixtures.NANJING);
            if (vehicle.reminderPending() && !vehicle.nextDueDate().isAfter(TODAY.plusDays(LEAD_DAYS))) {
                expectedDue.add(vehicle.id());
            }
        }
        assertThat(expectedDue).hasSizeGreaterThan(100);

        // the same request again with the same key: the same job, nothing created twice
        String replay = mvc.perform(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, csv.toString())
                        .header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<String>read(replay, "$.id")).isEqualTo(JsonPath.<String>read(body, "$.id"));
        assertThat(JsonPath.<Integer>read(replay, "$.created")).isEqualTo(10_000 - badRows.size());
        // the same file under a new key: every VIN already on file
        String again = run(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, csv.toString()),
                Fixtures.NANJING_ADVISOR);
        assertThat(JsonPath.<Integer>read(again, "$.created")).isZero();
        assertThat(JsonPath.<Integer>read(again, "$.alreadyOnFile")).isEqualTo(10_000 - badRows.size());

        // the sweep finds the imported due vehicles through its due-day index
        SweepResult swept = new MaintenanceDueSweep(store, calendar, LEAD_DAYS, 1_000, new SimpleMeterRegistry()).sweep(TODAY);
        assertThat(swept.reminded()).isGreaterThanOrEqualTo(expectedDue.size());
        Set<String> reminded = new TreeSet<>();
        for (ServicedVehicle vehicle : store.findAllById(purchaseOf.keySet())) {
            if (!vehicle.remindedDueDates().isEmpty()) {
                assertThat(vehicle.remindedDueDates()).hasSize(1);
                reminded.add(vehicle.id());
            }
        }
        assertThat(reminded).isEqualTo(expectedDue);
    }

    @Test
    @DisplayName("issue 10 branches: a caller of another branch cannot read the job nor import into another branch; HQ names the branch")
    void branchScoping() throws Exception {
        String prefix = prefix();
        String csv = "vin,customerId,purchaseDate\n" + Fixtures.seededVin(prefix, 1) + ",cust-1,2011-01-05\n";
        String location = mvc.perform(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, csv))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        finished(Fixtures.NANJING_ADVISOR, location);
        mvc.perform(get(location).header("Authorization", Fixtures.HANGZHOU_ADVISOR)).andExpect(status().isNotFound());
        mvc.perform(get(location).header("Authorization", Fixtures.HQ)).andExpect(status().isOk());

        // a branch user naming another branch: refused, for the job and for a row
        mvc.perform(upload("/api/aftersales/vehicles/import", Fixtures.HANGZHOU_ADVISOR, csv).param("branchId", Fixtures.NANJING))
                .andExpect(status().isForbidden());
        String row = run(upload("/api/aftersales/vehicles/import", Fixtures.HANGZHOU_ADVISOR,
                "branchId,vin,customerId,purchaseDate\n" + Fixtures.NANJING + "," + Fixtures.seededVin(prefix, 2) + ",c,2011-01-05\n"),
                Fixtures.HANGZHOU_ADVISOR);
        assertThat(JsonPath.<Integer>read(row, "$.created")).isZero();
        assertThat(JsonPath.<String>read(row, "$.problems[0].field")).isEqualTo("branchId");
        assertThat(store.findById(Fixtures.seededVin(prefix, 2))).isEmpty();
        // the Nanjing vehicle is not Hangzhou's: its VIN reads as on file elsewhere, it is not taken over
        String taken = run(upload("/api/aftersales/vehicles/import", Fixtures.HANGZHOU_ADVISOR, csv), Fixtures.HANGZHOU_ADVISOR);
        assertThat(JsonPath.<String>read(taken, "$.problems[0].field")).isEqualTo("vin");
        assertThat(store.findById(Fixtures.seededVin(prefix, 1)).orElseThrow().branchId()).isEqualTo(Fixtures.NANJING);

        // HQ names the branch for the job; the branch then sees the job
        String hq = mvc.perform(upload("/api/aftersales/vehicles/import", Fixtures.HQ,
                        "vin,customerId,purchaseDate\n" + Fixtures.seededVin(prefix, 3) + ",c3,2011-01-05\n")
                        .param("branchId", Fixtures.HANGZHOU))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        String hqJob = finished(Fixtures.HANGZHOU_ADVISOR, hq);
        assertThat(JsonPath.<Integer>read(hqJob, "$.created")).isEqualTo(1);
        assertThat(store.findById(Fixtures.seededVin(prefix, 3)).orElseThrow().branchId()).isEqualTo(Fixtures.HANGZHOU);
        mvc.perform(get(hq).header("Authorization", Fixtures.NANJING_ADVISOR)).andExpect(status().isNotFound());
        // HQ without a branch, rows without one: each row is a problem
        String none = run(upload("/api/aftersales/vehicles/import", Fixtures.HQ,
                "vin,customerId,purchaseDate\n" + Fixtures.seededVin(prefix, 4) + ",c4,2011-01-05\n"), Fixtures.HQ);
        assertThat(JsonPath.<String>read(none, "$.problems[0].field")).isEqualTo("branchId");
    }

    @Test
    @DisplayName("issue 10 AFT-2 service history import: a past maintenance restarts the cycle and moves the next due date; "
            + "a visit of an unknown vehicle is a row problem; importing the history again records nothing twice")
    void serviceHistory() throws Exception {
        String prefix = prefix();
        String vin = Fixtures.seededVin(prefix, 1);
        run(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR,
                "vin,customerId,purchaseDate\n" + vin + ",cust-h,2010-01-10\n"), Fixtures.NANJING_ADVISOR);
        LocalDate before = store.findById(vin).orElseThrow().nextDueDate();

        String history = "vin,serviceDate,mileageKm,jobType\n"
                + vin + ",2010-07-12,5100,MAINTENANCE\n"
                + vin + ",2011-01-20,9800,maintenance\n"
                + Fixtures.seededVin(prefix, 9) + ",2011-01-20,9800,MAINTENANCE\n"
                + vin + ",2011-02-01,100,REPAIR\n"
                + vin + ",2011-02-02,10000,TEAPOT\n";
        String done = run(upload("/api/aftersales/service-history/import", Fixtures.NANJING_ADVISOR, history),
                Fixtures.NANJING_ADVISOR);
        assertThat(JsonPath.<Integer>read(done, "$.created")).isEqualTo(2);
        assertThat(JsonPath.<List<Number>>read(done, "$.problems[*].row")).extracting(Number::longValue)
                .containsExactly(4L, 5L, 6L); // unknown VIN, odometer backwards, unknown job type
        ServicedVehicle vehicle = store.findById(vin).orElseThrow();
        assertThat(vehicle.lastMaintenanceDate()).isEqualTo(LocalDate.of(2011, 1, 20));
        assertThat(vehicle.maintenanceCount()).isEqualTo(2);
        assertThat(vehicle.nextDueDate()).isAfter(before);

        String again = run(upload("/api/aftersales/service-history/import", Fixtures.NANJING_ADVISOR, history),
                Fixtures.NANJING_ADVISOR);
        assertThat(JsonPath.<Integer>read(again, "$.created")).isZero();
        assertThat(JsonPath.<Integer>read(again, "$.alreadyOnFile")).isEqualTo(2);
        assertThat(store.findById(vin).orElseThrow().maintenanceCount()).isEqualTo(2);

        // another branch's user cannot write history onto this vehicle
        String foreign = run(upload("/api/aftersales/service-history/import", Fixtures.HANGZHOU_ADVISOR,
                "vin,serviceDate,mileageKm,jobType\n" + vin + ",2011-03-01,12000,MAINTENANCE\n"), Fixtures.HANGZHOU_ADVISOR);
        assertThat(JsonPath.<Integer>read(foreign, "$.created")).isZero();
        assertThat(store.findById(vin).orElseThrow().maintenanceCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("SEC-3 a vehicle import body is streamed, not read into memory: a 20,000-row (~6 MiB) dry run allocates less than a quarter of its size on the request thread and checks every row; 100,001 rows are a 413 problem")
    void bodyIsStreamed() throws Exception {
        String prefix = prefix();
        String model = "朗逸".repeat(29); // 58 characters (the column takes 60), 174 bytes
        StringBuilder csv = new StringBuilder("vin,customerId,model,purchaseDate\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(Fixtures.seededVin(prefix, i)).append(",customer-").append(prefix).append(i).append("c".repeat(40))
                    .append(',').append(model)
                    .append(',').append(TODAY.minusDays(1 + i % 700)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(5_000_000);
        // the service's filters and controllers as in every test, without the test's own printing of each request
        var builder = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context);
        var boot = new org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer(context);
        boot.setAddFilters(true);
        boot.setPrint(org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint.NONE);
        boot.customize(builder);
        MockMvc quiet = builder.build();
        quiet.perform(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, "vin,purchaseDate\n").param("dryRun", "true"));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var request = post("/api/aftersales/vehicles/import").param("dryRun", "true")
                .header("Authorization", Fixtures.NANJING_ADVISOR).contentType("text/csv").content(bytes);

        long before = threads.getCurrentThreadAllocatedBytes();
        String location = quiet.perform(request).andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("SEC-3 streamed vehicle import: %,d bytes of body, %,d bytes allocated on the request thread%n",
                bytes.length, allocated);
        assertThat(allocated).isLessThan(bytes.length / 4);
        String report = finished(Fixtures.NANJING_ADVISOR, location);
        assertThat(JsonPath.<String>read(report, "$.status")).isEqualTo("DONE");
        assertThat((Integer) JsonPath.read(report, "$.rows")).isEqualTo(20_000);
        assertThat((Integer) JsonPath.read(report, "$.valid")).isEqualTo(20_000);

        StringBuilder tooMany = new StringBuilder("vin,purchaseDate\n");
        for (int i = 0; i <= 100_000; i++) {
            tooMany.append(Fixtures.seededVin(prefix, i)).append(",2011-01-01\n");
        }
        mvc.perform(upload("/api/aftersales/vehicles/import", Fixtures.NANJING_ADVISOR, tooMany.toString()))
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("100000")));
    }
}
