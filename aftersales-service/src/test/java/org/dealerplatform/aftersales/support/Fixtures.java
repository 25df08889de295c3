package org.dealerplatform.aftersales.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.MaintenancePlan;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.persistence.DueDateIndex;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.test.DevTokens;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Tokens, VINs, bulk seeding and a planned campaign, shared by the integration tests. */
public final class Fixtures {

    public static final String NANJING = "JS-NJ-01";
    public static final String HANGZHOU = "ZJ-HZ-01";
    public static final String NANJING_ADVISOR = DevTokens.bearer("advisor-nj", NANJING, "SERVICE_ADVISOR");
    public static final String NANJING_MANAGER = DevTokens.bearer("manager-nj", NANJING, "BRANCH_MANAGER");
    public static final String HANGZHOU_ADVISOR = DevTokens.bearer("advisor-hz", HANGZHOU, "SERVICE_ADVISOR");
    public static final String HANGZHOU_MANAGER = DevTokens.bearer("manager-hz", HANGZHOU, "BRANCH_MANAGER");
    public static final String HQ = "Bearer " + DevTokens.hq();

    /** The characters a VIN may use (no I, O, Q). */
    static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private Fixtures() {
    }

    /** A random valid VIN. */
    public static String vin() {
        return vinWithPrefix("");
    }

    /** A random valid VIN starting with {@code prefix} (only VIN characters). */
    public static String vinWithPrefix(String prefix) {
        StringBuilder vin = new StringBuilder(prefix);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (vin.length() < 17) {
            vin.append(VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length())));
        }
        return vin.toString();
    }

    /** The VIN number {@code n} of a seeded run: prefix + zero-padded number (digits are VIN characters). */
    public static String seededVin(String prefix, int n) {
        String number = Integer.toString(n);
        return prefix + "0".repeat(17 - prefix.length() - number.length()) + number;
    }

    /** A short random prefix of VIN letters identifying one test run's vehicles. */
    public static String runPrefix() {
        StringBuilder prefix = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            prefix.append("ABCDEFGHJKLMNPRSTUVWXYZ".charAt(random.nextInt(23)));
        }
        return prefix.toString();
    }

    static Document converted(MongoTemplate mongo, ServicedVehicle vehicle) {
        Document document = new Document();
        mongo.getConverter().write(vehicle, document);
        document.remove("_class");
        document.remove("recordedEvents");
        document.put(AggregateStore.VERSION, 1L);
        document.put(AggregateStore.PENDING_EVENTS, List.of());
        return document;
    }

    /**
     * The document the converter would write for a vehicle without history (checked against it in
     * {@code FixturesTest}), built by hand because converting 100,000 vehicles by reflection takes seconds.
     */
    public static Document fastDocument(ServicedVehicle v) {
        MaintenancePlan plan = v.defaultPlan();
        return new Document("_id", v.vin())
                .append("branchId", v.branchId())
                .append("customerId", v.customerId())
                .append("ownerSince", date(v.ownerSince()))
                .append("model", v.model())
                .append("category", v.category() == null ? null : v.category().name())
                .append("plate", v.plate())
                .append("purchaseDate", date(v.purchaseDate()))
                .append("defaultPlan", new Document("firstMonths", plan.firstMonths()).append("firstKm", plan.firstKm())
                        .append("regularMonths", plan.regularMonths()).append("regularKm", plan.regularKm()))
                .append("serviceHistory", new Document("serviceCount", v.serviceCount())
                        .append("maintenanceCount", v.maintenanceCount()))
                .append("readings", List.of())
                .append("nextDueDate", date(v.nextDueDate()))
                .append("nextDueMileageKm", v.nextDueMileageKm())
                .append("dueRule", v.dueRule() == null ? null : v.dueRule().name())
                .append("reminderPending", v.reminderPending())
                .append("remindedDueDates", v.remindedDueDates().stream().map(Fixtures::date).toList())
                .append("appliedMarks", v.appliedMarks().isEmpty() ? null : v.appliedMarks())
                .append(AggregateStore.VERSION, 1L)
                .append(AggregateStore.PENDING_EVENTS, List.of());
    }

    static Date date(LocalDate date) {
        return date == null ? null : Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    /** Inserts vehicles in bulk as the store would have saved them (version 1, no pending events). */
    public static void seed(MongoTemplate mongo, List<ServicedVehicle> vehicles) {
        List<Document> documents = new ArrayList<>(vehicles.size());
        for (ServicedVehicle vehicle : vehicles) {
            documents.add(vehicle.readings().isEmpty() && vehicle.planOverride() == null && vehicle.lastServiceDate() == null
                    ? fastDocument(vehicle) : converted(mongo, vehicle));
        }
        long converted = System.nanoTime();
        for (int from = 0; from < documents.size(); from += 10_000) {
            // the due-day index first, as the store does (AFT-3: the reminder sweep reads it)
            new DueDateIndex(mongo).announce(vehicles.subList(from, Math.min(documents.size(), from + 10_000)));
            mongo.getCollection("vehicles").insertMany(documents.subList(from, Math.min(documents.size(), from + 10_000)));
        }
        System.out.printf("inserted %d documents in %d ms%n", documents.size(), (System.nanoTime() - converted) / 1_000_000);
    }

    /**
     * A campaign {@code manager} plans through the API, over {@code day} and the day after, with {@code slotsPerDay}
     * workshop slots each (capacity 2 × slotsPerDay); answers its id.
     */
    public static String planCampaign(MockMvc mvc, String manager, String content, LocalDate day, int slotsPerDay)
            throws Exception {
        String id = JsonPath.read(mvc.perform(post("/api/aftersales/campaigns").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"type":"PREFERENTIAL_SERVICE_MONTH","name":"冬季保养月","content":"%s",
                                 "startDate":"%s","endDate":"%s","address":"南京市江宁区汽车城路8号"}"""
                                .formatted(content, day, day.plusDays(1))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(put("/api/aftersales/campaigns/" + id + "/slots").header("Authorization", manager)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"slots":[{"date":"%s","slots":%d},{"date":"%s","slots":%d}]}"""
                                .formatted(day, slotsPerDay, day.plusDays(1), slotsPerDay)))
                .andExpect(status().isOk());
        return id;
    }
}
