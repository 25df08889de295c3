package org.dealerplatform.aftersales.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ReminderSweepAtScaleTest {

    static final String TYPE = "dealer.aftersales.MaintenanceDue.v1";
    static final int VEHICLES = 100_000;
    static final int LEAD_DAYS = 14;
    // a "today" long before the other tests' vehicles fall due, so this test and theirs never remind each other's
    static final LocalDate TODAY = LocalDate.of(2020, 6, 1);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    VehicleStore store;
    @Autowired
    BusinessCalendar calendar;
    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    MaintenanceDueSweep newInstance() {
        // what a restarted (or another) instance is: a fresh sweep over the same database, no memory of earlier runs
        return new MaintenanceDueSweep(store, calendar, LEAD_DAYS, 1_000, new SimpleMeterRegistry());
    }

    @Test
    @DisplayName("AFT-3 100,000 vehicles, a crash part-way, a restart and two instances at once: every due vehicle gets "
            + "exactly one MaintenanceDue, none early, none missed")
    void exactlyOnceAtScale() throws Exception {
        String prefix = Fixtures.runPrefix();
        MaintenancePlanCatalogue plans = MaintenancePlanCatalogue.defaults();
        List<ServicedVehicle> vehicles = new ArrayList<>(VEHICLES);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < VEHICLES; i++) {
            String vin = Fixtures.seededVin(prefix, i);
            // due dates from 30 days overdue to ~570 days ahead; first service 6 months after purchase
            LocalDate due = TODAY.plusDays((i % 600) - 30);
            String owner = i % 97 == 0 ? null : "cust-" + i; // some walk-ins without a known owner
            ServicedVehicle vehicle = ServicedVehicle.register(vin, i % 2 == 0 ? Fixtures.NANJING : Fixtures.HANGZHOU,
                    owner, "Lavida", VehicleCategory.PASSENGER_CAR, null, due.minusMonths(6), plans);
            if (i % 10 == 3) {
                vehicle.remindIfDue(TODAY.minusDays(1), LEAD_DAYS); // reminded by an earlier day's sweep already
            }
            vehicle.recordedEvents().clear();
            if (vehicle.reminderPending() && !vehicle.nextDueDate().isAfter(TODAY.plusDays(LEAD_DAYS))) {
                expected.add(vin);
            }
            vehicles.add(vehicle);
        }
        assertThat(expected).hasSizeBetween(4_000, 10_000);
        try (TopicProbe probe = new TopicProbe(brokers, VehicleStore.TOPIC)) {
            long seeding = System.nanoTime();
            Fixtures.seed(mongo, vehicles);
            System.out.printf("seeded %d vehicles in %d ms%n", VEHICLES, (System.nanoTime() - seeding) / 1_000_000);

            SweepResult crashed = newInstance().sweep(TODAY, 2); // dies after two batches
            assertThat(crashed.reminded()).isEqualTo(2_000);

            // restart: two instances sweep at the same time over what is left
            CompletableFuture<SweepResult> a = CompletableFuture.supplyAsync(() -> newInstance().sweep(TODAY));
            CompletableFuture<SweepResult> b = CompletableFuture.supplyAsync(() -> newInstance().sweep(TODAY));
            SweepResult first = a.get();
            SweepResult second = b.get();
            System.out.println("crashed " + crashed + "\nfirst " + first + "\nsecond " + second);
            SweepResult again = newInstance().sweep(TODAY); // and the next day's run finds nothing new for today
            System.out.println("again " + again);
            assertThat(again.reminded()).isZero();
            long waiting = System.nanoTime();
            assertThat(crashed.reminded() + first.reminded() + second.reminded()).isEqualTo(expected.size());

            List<ConsumerRecord<String, byte[]>> due = probe.await(
                    r -> TYPE.equals(TopicProbe.header(r, "ce_type")) && r.key().startsWith(prefix), expected.size(),
                    Duration.ofSeconds(60));
            System.out.printf("events arrived after %d ms%n", (System.nanoTime() - waiting) / 1_000_000);
            Map<String, Long> perVin = due.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perVin.keySet()).isEqualTo(expected); // none missed, none early, none without an owner
            assertThat(perVin.values()).allMatch(n -> n == 1); // exactly once
            assertThat(probe.settle(r -> TYPE.equals(TopicProbe.header(r, "ce_type")) && r.key().startsWith(prefix),
                    Duration.ofSeconds(2))).hasSize(expected.size());
            for (ConsumerRecord<String, byte[]> record : due.subList(0, 20)) {
                String json = TopicProbe.value(record);
                EventContracts.assertConforms(TYPE, json);
                LocalDate dueDate = LocalDate.parse(JsonPath.read(json, "$.dueDate"));
                assertThat(dueDate).isBeforeOrEqualTo(TODAY.plusDays(LEAD_DAYS));
                assertThat((String) JsonPath.read(json, "$.reasonKey")).isEqualTo("maintenance-due:" + record.key() + ":" + dueDate);
            }
        } finally {
            mongo.remove(Query.query(Criteria.where("_id").regex("^" + prefix)), VehicleStore.COLLECTION);
        }
    }

    @Test
    @DisplayName("AFT-3 only HQ may run the sweep on demand; it answers what it did")
    void sweepEndpoint() throws Exception {
        mvc.perform(post("/api/aftersales/reminders/sweep").header("Authorization", Fixtures.NANJING_MANAGER))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/aftersales/reminders/sweep").param("asOf", "2019-01-01").header("Authorization", Fixtures.HQ))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.horizon").value("2019-01-15"));
    }
}
