package org.dealerplatform.aftersales.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class WorkOrderAndFollowUpTest {

    static final LocalDate BOUGHT = LocalDate.of(2026, 5, 1);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    BusinessCalendar calendar;

    String ownedVehicle(String branch, String owner) {
        String vin = Fixtures.vin();
        Fixtures.seed(mongo, List.of(ServicedVehicle.register(vin, branch, owner, "Lavida", VehicleCategory.PASSENGER_CAR,
                "苏A12345", BOUGHT, MaintenancePlanCatalogue.defaults())));
        return vin;
    }

    String recordWorkOrder(String auth, String vin, String date, long km) throws Exception {
        String body = mvc.perform(post("/api/aftersales/work-orders").header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":%d,"items":["oil change","filter"],
                                 "partsFen":45000,"labourFen":20000,"technician":"tech-chen"}""".formatted(vin, date, km)))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    @DisplayName("AFT-1 AFT-2 a work order publishes MaintenanceRecorded with the recomputed next due, and is listed within its branch only")
    void workOrderRecorded() throws Exception {
        String owner = UUID.randomUUID().toString();
        String vin = ownedVehicle(Fixtures.NANJING, owner);
        try (TopicProbe probe = new TopicProbe(brokers, VehicleStore.TOPIC)) {
            String id = recordWorkOrder(Fixtures.NANJING_ADVISOR, vin, "2026-11-01", 5_120);
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> vin.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            String json = TopicProbe.value(records.get(0));
            assertThat(TopicProbe.header(records.get(0), "ce_type")).isEqualTo("dealer.aftersales.MaintenanceRecorded.v1");
            EventContracts.assertConforms("dealer.aftersales.MaintenanceRecorded.v1", json);
            assertThat((String) JsonPath.read(json, "$.workOrderId")).isEqualTo(id);
            assertThat((String) JsonPath.read(json, "$.customerId")).isEqualTo(owner);
            assertThat((Integer) JsonPath.read(json, "$.partsFen")).isEqualTo(45_000);
            assertThat((String) JsonPath.read(json, "$.jobType")).isEqualTo("MAINTENANCE");
            // regular interval after the first service: 12 months or 10,000 km (5,120 km in 184 days: km rule first)
            assertThat((Integer) JsonPath.read(json, "$.nextDueMileageKm")).isEqualTo(15_120);

            mvc.perform(get("/api/aftersales/work-orders/" + id).header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.totalFen").value(65_000));
            mvc.perform(get("/api/aftersales/work-orders/" + id).header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/aftersales/work-orders").param("vin", vin).header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
            mvc.perform(get("/api/aftersales/work-orders").param("vin", vin).header("Authorization", Fixtures.HQ))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.content[0].id").value(id));
            mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.serviceCount").value(1))
                    .andExpect(jsonPath("$.lastServiceKm").value(5120));
        }
    }

    @Test
    @DisplayName("AFT-2 a work order needs a job type; a repair after a maintenance keeps the next due, and the work order shows its type")
    void repairKeepsNextDue() throws Exception {
        String vin = ownedVehicle(Fixtures.NANJING, UUID.randomUUID().toString());
        recordWorkOrder(Fixtures.NANJING_ADVISOR, vin, "2026-07-01", 1_000);
        String due = JsonPath.read(mvc.perform(get("/api/aftersales/vehicles/" + vin)
                .header("Authorization", Fixtures.NANJING_ADVISOR)).andReturn().getResponse().getContentAsString(), "$.nextDueDate");
        String repair = """
                {"vin":"%s","jobType":"%s","serviceDate":"2026-11-01","mileageKm":1500,"items":["windscreen"],
                 "partsFen":300000,"labourFen":20000}""";
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content(repair.formatted(vin, "POLISHING")))
                .andExpect(status().isBadRequest());
        String id = JsonPath.read(mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content(repair.formatted(vin, "REPAIR")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.jobType").value("REPAIR"))
                .andExpect(jsonPath("$.nextDueDate").value(due))
                .andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(due).isEqualTo("2027-07-01");
        mvc.perform(get("/api/aftersales/work-orders/" + id).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(jsonPath("$.jobType").value("REPAIR"));
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(jsonPath("$.nextDueDate").value("2027-07-01"))
                .andExpect(jsonPath("$.lastMaintenanceDate").value("2026-07-01"))
                .andExpect(jsonPath("$.lastServiceDate").value("2026-11-01"))
                .andExpect(jsonPath("$.maintenanceCount").value(1))
                .andExpect(jsonPath("$.serviceCount").value(2));
    }

    @Test
    @DisplayName("AFT-1 GW-2 INT-1 another branch cannot record a work order on (422 on vin, as for an unknown VIN), read, or change a vehicle of this branch; nothing changes")
    void vehicleBranchIsolation() throws Exception {
        String vin = ownedVehicle(Fixtures.NANJING, UUID.randomUUID().toString());
        String body = """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"2026-11-01","mileageKm":5000,"items":["oil"],"partsFen":1,"labourFen":1}""";
        String foreign = mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.HANGZHOU_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body.formatted(vin)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"))
                .andReturn().getResponse().getContentAsString();
        String unknownVin = Fixtures.vin();
        String unknown = mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.HANGZHOU_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body.formatted(unknownVin)))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<Object>read(foreign, "$.errors")).isEqualTo(JsonPath.read(unknown, "$.errors"));
        assertThat(JsonPath.<Object>read(foreign, "$.detail")).isEqualTo(JsonPath.read(unknown, "$.detail"));
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(jsonPath("$.serviceCount").value(0)).andExpect(jsonPath("$.version").value(1));
        mvc.perform(get("/api/aftersales/vehicles/" + unknownVin).header("Authorization", Fixtures.HQ))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/aftersales/work-orders").param("vin", vin).header("Authorization", Fixtures.HQ))
                .andExpect(jsonPath("$.totalElements").value(0));
        // HQ may use any branch's vehicle, naming the branch
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.HQ)
                        .contentType(MediaType.APPLICATION_JSON).content(body.formatted(vin).replace("}", ",\"branchId\":\"JS-NJ-01\"}")))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/aftersales/vehicles/" + vin + "/mileage").header("Authorization", Fixtures.HANGZHOU_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2026-11-01\",\"km\":9000}"))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/aftersales/vehicles/" + vin + "/plan").header("Authorization", Fixtures.HANGZHOU_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstMonths\":3,\"firstKm\":3000,\"regularMonths\":6,\"regularKm\":5000}"))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("AFT-2 a mileage reading and a plan override recompute the next due; an odometer running backwards is refused with 422")
    void mileageAndPlan() throws Exception {
        String vin = ownedVehicle(Fixtures.NANJING, UUID.randomUUID().toString());
        mvc.perform(post("/api/aftersales/vehicles/" + vin + "/mileage").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2026-06-01\",\"km\":3100}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kmPerDay").value(100.0))
                .andExpect(jsonPath("$.dueRule").value("DISTANCE"))
                .andExpect(jsonPath("$.nextDueDate").value("2026-06-20"));
        mvc.perform(put("/api/aftersales/vehicles/" + vin + "/plan").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstMonths\":3,\"firstKm\":3000,\"regularMonths\":6,\"regularKm\":5000}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planOverridden").value(true))
                .andExpect(jsonPath("$.nextDueDate").value("2026-05-31"));
        mvc.perform(post("/api/aftersales/vehicles/" + vin + "/mileage").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2026-07-01\",\"km\":2000}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("km"));
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"2026-07-01","mileageKm":1000,"items":["oil"],"partsFen":1,"labourFen":1}"""
                                .formatted(vin)))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("AFT-1 sales staff may read but not record work orders or readings")
    void salesMayNotRecord() throws Exception {
        String sales = org.dealerplatform.test.DevTokens.bearer("sales-nj", Fixtures.NANJING, "SALES");
        String vin = ownedVehicle(Fixtures.NANJING, UUID.randomUUID().toString());
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", sales)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"2026-11-01","mileageKm":5000,"items":["oil"],"partsFen":1,"labourFen":1}"""
                                .formatted(vin)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/aftersales/vehicles/" + vin + "/mileage").header("Authorization", sales)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2026-11-01\",\"km\":9000}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", sales)).andExpect(status().isOk());
    }

    @Test
    @DisplayName("AFT-1 invalid work orders are refused with a problem listing each field")
    void validation() throws Exception {
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"IOQ\",\"mileageKm\":-1,\"items\":[],\"partsFen\":-5,\"labourFen\":null}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("vin")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("jobType")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("serviceDate")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("mileageKm")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("items")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("partsFen")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("labourFen")));
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"2099-01-01","mileageKm":10,"items":["oil"],"partsFen":1,"labourFen":1}"""
                                .formatted(Fixtures.vin())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("serviceDate"));
        mvc.perform(get("/api/aftersales/work-orders").param("size", "500").header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("AFT-5 a customer not reached is due again the next business day; the third attempt closes the call NOT_REACHED; another branch gets 404")
    void notReachedThroughTheApi() throws Exception {
        String vin = ownedVehicle(Fixtures.NANJING, UUID.randomUUID().toString());
        String callId = "call-" + recordWorkOrder(Fixtures.NANJING_ADVISOR, vin, "2026-11-02", 4_000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                get("/api/aftersales/follow-up-calls/" + callId).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk()));
        String notReached = "/api/aftersales/follow-up-calls/" + callId + "/not-reached";
        mvc.perform(post(notReached).header("Authorization", Fixtures.HANGZHOU_ADVISOR)).andExpect(status().isNotFound());
        LocalDate next = calendar.nextBusinessDay(calendar.today());
        mvc.perform(post(notReached).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.notReachedAttempts").value(1))
                .andExpect(jsonPath("$.dueDate").value(next.toString()));
        mvc.perform(post(notReached).header("Authorization", Fixtures.NANJING_ADVISOR)).andExpect(status().isOk());
        mvc.perform(post(notReached).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("NOT_REACHED"))
                .andExpect(jsonPath("$.notReachedAttempts").value(3));
        mvc.perform(post(notReached).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/aftersales/follow-up-calls").param("status", "NOT_REACHED")
                        .header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(jsonPath("$.content[*].id", hasItem(callId)));
    }

    @Test
    @DisplayName("AFT-5 after a service a follow-up call is due; a score of 2 raises a complaint the branch manager lists and closes; other branches see none of it")
    void followUpAndComplaint() throws Exception {
        String owner = UUID.randomUUID().toString();
        String vin = ownedVehicle(Fixtures.NANJING, owner);
        try (TopicProbe probe = new TopicProbe(brokers, FollowUpCallStore.TOPIC)) {
            String workOrder = recordWorkOrder(Fixtures.NANJING_ADVISOR, vin, "2026-11-02", 4_000);
            String callId = "call-" + workOrder;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                            get("/api/aftersales/follow-up-calls/" + callId).header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(status().isOk()));
            mvc.perform(get("/api/aftersales/follow-up-calls/" + callId).header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(jsonPath("$.dueDate").value("2026-11-05"))
                    .andExpect(jsonPath("$.status").value("OPEN"));
            mvc.perform(get("/api/aftersales/follow-up-calls").param("dueBefore", "2026-11-06")
                            .header("Authorization", Fixtures.NANJING_ADVISOR))
                    .andExpect(jsonPath("$.content[*].id", hasItem(callId)));
            mvc.perform(get("/api/aftersales/follow-up-calls").header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                    .andExpect(jsonPath("$.content[*].id", not(hasItem(callId))));
            mvc.perform(get("/api/aftersales/follow-up-calls/" + callId).header("Authorization", Fixtures.HANGZHOU_ADVISOR))
                    .andExpect(status().isNotFound());

            String outcome = "{\"satisfaction\":2,\"carUse\":\"daily commute\",\"newRequests\":\"tyre change\",\"complaint\":\"waited two hours\"}";
            mvc.perform(post("/api/aftersales/follow-up-calls/" + callId + "/completion").header("Authorization", Fixtures.HANGZHOU_ADVISOR)
                            .contentType(MediaType.APPLICATION_JSON).content(outcome))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/api/aftersales/follow-up-calls/" + callId + "/completion").header("Authorization", Fixtures.NANJING_ADVISOR)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"satisfaction\":6}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("satisfaction"));
            mvc.perform(post("/api/aftersales/follow-up-calls/" + callId + "/completion").header("Authorization", Fixtures.NANJING_ADVISOR)
                            .contentType(MediaType.APPLICATION_JSON).content(outcome))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("COMPLETED"))
                    .andExpect(jsonPath("$.complaint.status").value("OPEN"));
            mvc.perform(post("/api/aftersales/follow-up-calls/" + callId + "/completion").header("Authorization", Fixtures.NANJING_ADVISOR)
                            .contentType(MediaType.APPLICATION_JSON).content(outcome))
                    .andExpect(status().isUnprocessableContent());

            List<ConsumerRecord<String, byte[]>> events = probe.await(r -> callId.equals(r.key()), 3, Duration.ofSeconds(20));
            assertThat(events).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "dealer.aftersales.FollowUpCallDue.v1", "dealer.aftersales.FollowUpCompleted.v1",
                    "dealer.aftersales.ComplaintRaised.v1");
            for (ConsumerRecord<String, byte[]> event : events) {
                EventContracts.assertConforms(TopicProbe.header(event, "ce_type"), TopicProbe.value(event));
            }
        }

        String complaints = mvc.perform(get("/api/aftersales/complaints").header("Authorization", Fixtures.NANJING_MANAGER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(complaints, "$.content[?(@.vin == '" + vin + "')].id");
        assertThat(ids).hasSize(1);
        String complaintId = ids.get(0);
        mvc.perform(get("/api/aftersales/complaints").header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/aftersales/complaints").header("Authorization", Fixtures.HANGZHOU_MANAGER))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(complaintId))));
        mvc.perform(post("/api/aftersales/complaints/" + complaintId + "/closure").header("Authorization", Fixtures.HANGZHOU_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"resolution\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/aftersales/complaints/" + complaintId + "/closure").header("Authorization", Fixtures.NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"resolution\":\"apologised, free car wash\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"));
        mvc.perform(get("/api/aftersales/complaints").header("Authorization", Fixtures.NANJING_MANAGER))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(complaintId))));
    }
}
