package org.dealerplatform.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignType;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * INT-1: every command of the API document, called by another branch with a reference to this branch's record and with
 * an unknown one, gets the same answer (a path id 404, a body reference 422 on its field), and nothing changes. A new
 * command that is not in {@link #MATRIX} fails the test until someone says how it resolves its references.
 */
@ServiceTest
class ReferenceMatrixTest {

    /** The records of the owning branch a command may name. */
    record Refs(String vin, String callId, String complaintId, String campaignId, LocalDate campaignDay) {
    }

    /** How one command is called: the URI, the body, and where the reference sits (null: it takes none). */
    record Call(Function<Refs, String> uri, Function<Refs, String> body, String bodyField) {
        static Call path(Function<Refs, String> uri, Function<Refs, String> body) {
            return new Call(uri, body, null);
        }
    }

    static final String WORK_ORDER = """
            {"vin":"%s","jobType":"REPAIR","serviceDate":"2026-11-01","mileageKm":9000,"items":["brakes"],"partsFen":1,
             "labourFen":1}""";

    /** Every command (non-GET operation) of the API; null: the command takes no reference to a record. */
    static final Map<String, Call> MATRIX = Map.ofEntries(
            Map.entry("POST /api/aftersales/work-orders", new Call(r -> "/api/aftersales/work-orders",
                    r -> WORK_ORDER.formatted(r.vin()), "vin")),
            Map.entry("POST /api/aftersales/vehicles/{vin}/mileage", Call.path(
                    r -> "/api/aftersales/vehicles/" + r.vin() + "/mileage", r -> "{\"date\":\"2026-11-01\",\"km\":9000}")),
            Map.entry("PUT /api/aftersales/vehicles/{vin}/plan", Call.path(r -> "/api/aftersales/vehicles/" + r.vin() + "/plan",
                    r -> "{\"firstMonths\":3,\"firstKm\":3000,\"regularMonths\":6,\"regularKm\":5000}")),
            Map.entry("DELETE /api/aftersales/vehicles/{vin}/plan", Call.path(
                    r -> "/api/aftersales/vehicles/" + r.vin() + "/plan", r -> null)),
            Map.entry("POST /api/aftersales/follow-up-calls/{id}/completion", Call.path(
                    r -> "/api/aftersales/follow-up-calls/" + r.callId() + "/completion", r -> "{\"satisfaction\":4}")),
            Map.entry("POST /api/aftersales/follow-up-calls/{id}/not-reached", Call.path(
                    r -> "/api/aftersales/follow-up-calls/" + r.callId() + "/not-reached", r -> null)),
            Map.entry("POST /api/aftersales/complaints/{complaintId}/closure", Call.path(
                    r -> "/api/aftersales/complaints/" + r.complaintId() + "/closure", r -> "{\"resolution\":\"called back\"}")),
            Map.entry("PUT /api/aftersales/campaigns/{id}/slots", Call.path(
                    r -> "/api/aftersales/campaigns/" + r.campaignId() + "/slots",
                    r -> "{\"slots\":[{\"date\":\"%s\",\"slots\":5}]}".formatted(r.campaignDay()))),
            Map.entry("POST /api/aftersales/campaigns/{id}/launch", Call.path(
                    r -> "/api/aftersales/campaigns/" + r.campaignId() + "/launch", r -> null)));

    /**
     * Commands that name no record of a branch: a new campaign is the caller's own branch's; the sweep is HQ's; the
     * platform's dead-letter replay names a topic and is for operators; the model remap (SAL-12) is HQ's group-wide job.
     * The CSV imports (issue 10) name VINs only inside their rows, answered per row in the job's report: service history
     * gives another branch's VIN the same row problem as an unknown one, and a vehicle row cannot take over another
     * branch's VIN (as customer-service's import with a mobile number); {@code VehicleImportJobTest} covers both.
     */
    static final List<String> WITHOUT_REFERENCES = List.of("POST /api/aftersales/campaigns",
            "POST /api/aftersales/reminders/sweep", "POST /admin/dead-letters/{topic}/replay",
            "POST /api/aftersales/model-remap", "POST /api/aftersales/vehicles/import",
            "POST /api/aftersales/service-history/import");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpCallStore calls;
    @Autowired
    CampaignStore campaigns;

    @Test
    @DisplayName("INT-1 every command of the API document is in the reference matrix")
    void everyCommandIsInTheMatrix() throws Exception {
        java.util.SortedSet<String> commands = org.dealerplatform.test.ApiCommands.of(mvc);
        TreeSet<String> known = new TreeSet<>(MATRIX.keySet());
        known.addAll(WITHOUT_REFERENCES);
        assertThat(commands).as("commands of the API document; add a new one to the matrix").isEqualTo(known);
    }

    @Test
    @DisplayName("INT-1 another branch naming this branch's record gets the same answer as for an unknown one (path 404, body 422 with the field); nothing changes")
    void foreignAndUnknownReferences() throws Exception {
        Refs own = ownRecords();
        LocalDate day = own.campaignDay();
        Refs unknown = new Refs(Fixtures.vin(), "call-unknown-" + UUID.randomUUID(), "cmp-call-unknown-" + UUID.randomUUID(),
                "camp-unknown-" + UUID.randomUUID(), day);
        Map<String, Object> before = versions(own);
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Call> command : MATRIX.entrySet()) {
            HttpMethod method = HttpMethod.valueOf(command.getKey().split(" ")[0]);
            Call call = command.getValue();
            MockHttpServletResponse foreign = perform(method, call, own);
            MockHttpServletResponse missing = perform(method, call, unknown);
            int expected = call.bodyField() == null ? 404 : 422;
            assertThat(foreign.getStatus()).as(command.getKey() + " with another branch's record").isEqualTo(expected);
            assertThat(missing.getStatus()).as(command.getKey() + " with an unknown record").isEqualTo(expected);
            if (call.bodyField() != null) {
                String field = JsonPath.read(foreign.getContentAsString(), "$.errors[0].field");
                assertThat(field).isEqualTo(call.bodyField());
                assertThat(JsonPath.<Object>read(foreign.getContentAsString(), "$.errors"))
                        .isEqualTo(JsonPath.read(missing.getContentAsString(), "$.errors"));
            }
            checked.add(command.getKey());
        }
        assertThat(checked).hasSize(MATRIX.size());
        assertThat(versions(own)).as("nothing changed").isEqualTo(before);
        assertThat(mongo.findById(unknown.vin(), Document.class, VehicleStore.COLLECTION)).isNull();
    }

    MockHttpServletResponse perform(HttpMethod method, Call call, Refs refs) throws Exception {
        var builder = request(method, call.uri().apply(refs)).header("Authorization", Fixtures.HANGZHOU_MANAGER);
        String body = call.body().apply(refs);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(builder).andReturn().getResponse();
    }

    /** A Nanjing vehicle, its follow-up call with an open complaint, and a campaign. */
    Refs ownRecords() {
        String vin = Fixtures.vin();
        String owner = "cust-" + UUID.randomUUID();
        Fixtures.seed(mongo, List.of(ServicedVehicle.register(vin, Fixtures.NANJING, owner, "Lavida",
                VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2026, 1, 1), MaintenancePlanCatalogue.defaults())));
        FollowUpCall call = FollowUpCall.schedule("wo-" + UUID.randomUUID(), vin, owner, Fixtures.NANJING,
                LocalDate.of(2026, 11, 2), 3);
        call.complete(1, null, null, "rude", "advisor-nj", Instant.now());
        calls.insert(call);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        Campaign campaign = Campaign.plan("camp-" + UUID.randomUUID(), Fixtures.NANJING, CampaignType.FREE_TESTING_WEEK,
                "免费检测周", "Free inspection", day, day, "展厅", null, "manager-nj");
        campaigns.insert(campaign);
        return new Refs(vin, call.id(), call.complaint().id(), campaign.id(), day);
    }

    Map<String, Object> versions(Refs refs) {
        return Map.of(
                "vehicle", mongo.findById(refs.vin(), Document.class, VehicleStore.COLLECTION).get("version"),
                "call", mongo.findById(refs.callId(), Document.class, FollowUpCallStore.COLLECTION).get("version"),
                "campaign", mongo.findById(refs.campaignId(), Document.class, CampaignStore.COLLECTION).get("version"));
    }
}
