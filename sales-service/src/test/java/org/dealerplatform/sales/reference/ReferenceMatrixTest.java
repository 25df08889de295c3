package org.dealerplatform.sales.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.customer;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.sales.customer.application.CustomerReplica;
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
 * INT-1: every command of sales-service's API document that takes a reference is called by a Hangzhou manager with a
 * Nanjing record's id and with an unknown id; both get the same answer (an id in the path 404, a reference in the body
 * 422 naming its field) and nothing changes. A command missing from {@link #MATRIX} and {@link #WITHOUT_REFERENCES}
 * fails the test until someone says how it resolves its references.
 */
@ServiceTest
class ReferenceMatrixTest {

    /** The caller's (Hangzhou's) own records, so that a body reference is the only thing wrong with a call. */
    record Own(String salesperson, String customer, String sale, String lead, String visit) {
    }

    /** The records a call names: Nanjing's (foreign to the caller) or ids nobody has. */
    record Refs(String customer, String salesperson, String sale, String lead, String visit) {
    }

    /** How one command is called and where its reference sits (bodyField null: in the path). */
    record Call(BiFunction<Own, Refs, String> uri, BiFunction<Own, Refs, String> body, String bodyField) {
    }

    static Call path(BiFunction<Own, Refs, String> uri, BiFunction<Own, Refs, String> body) {
        return new Call(uri, body, null);
    }

    static Call body(BiFunction<Own, Refs, String> uri, BiFunction<Own, Refs, String> body, String field) {
        return new Call(uri, body, field);
    }

    static final String CORRECTION = """
            {"customerId":"%s","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"Lavida","category":"PASSENGER_CAR"},
             "segment":"INDIVIDUAL","amountFen":100,"saleDate":"2026-03-01","reason":"typo"}""";
    static final String VISIT = """
            {"salespersonId":"%s","customerId":"%s","plannedDate":"2026-12-01"}""";

    /** Every command that names a record, each reference in it called once. */
    static final Map<String, List<Call>> MATRIX = Map.ofEntries(
            Map.entry("POST /api/sales/sales", List.of(
                    body((o, r) -> "/api/sales/sales", (o, r) -> saleJson(r.customer(), null, credit(o.salesperson(), 100),
                            "Lavida", "INDIVIDUAL", 100, "2026-03-01"), "customerId"),
                    body((o, r) -> "/api/sales/sales", (o, r) -> saleJson(o.customer(), null, credit(r.salesperson(), 100),
                            "Lavida", "INDIVIDUAL", 100, "2026-03-01"), "salespeople"))),
            Map.entry("POST /api/sales/sales/{id}/correct", List.of(
                    path((o, r) -> "/api/sales/sales/" + r.sale() + "/correct",
                            (o, r) -> CORRECTION.formatted(o.customer(), credit(o.salesperson(), 100))),
                    body((o, r) -> "/api/sales/sales/" + o.sale() + "/correct",
                            (o, r) -> CORRECTION.formatted(r.customer(), credit(o.salesperson(), 100)), "customerId"),
                    body((o, r) -> "/api/sales/sales/" + o.sale() + "/correct",
                            (o, r) -> CORRECTION.formatted(o.customer(), credit(r.salesperson(), 100)), "salespeople"))),
            Map.entry("POST /api/sales/sales/{id}/cancel", List.of(
                    path((o, r) -> "/api/sales/sales/" + r.sale() + "/cancel", (o, r) -> "{\"reason\":\"x\"}"))),
            Map.entry("POST /api/sales/visits", List.of(
                    body((o, r) -> "/api/sales/visits", (o, r) -> VISIT.formatted(o.salesperson(), r.customer()), "customerId"),
                    body((o, r) -> "/api/sales/visits", (o, r) -> VISIT.formatted(r.salesperson(), o.customer()), "salespersonId"))),
            Map.entry("POST /api/sales/visits/{id}/complete", List.of(
                    path((o, r) -> "/api/sales/visits/" + r.visit() + "/complete",
                            (o, r) -> "{\"doneDate\":\"2026-12-01\",\"outcome\":\"x\"}"))),
            Map.entry("POST /api/sales/visits/{id}/reschedule", List.of(
                    path((o, r) -> "/api/sales/visits/" + r.visit() + "/reschedule", (o, r) -> "{\"plannedDate\":\"2026-12-08\"}"))),
            Map.entry("POST /api/sales/visits/{id}/cancel", List.of(
                    path((o, r) -> "/api/sales/visits/" + r.visit() + "/cancel", (o, r) -> "{\"reason\":\"x\"}"))),
            Map.entry("POST /api/sales/leads", List.of(
                    body((o, r) -> "/api/sales/leads", (o, r) -> """
                            {"name":"周杰","source":"PHONE","salespersonId":"%s","nextFollowUpDate":"2026-12-01"}"""
                            .formatted(r.salesperson()), "salespersonId"))),
            Map.entry("POST /api/sales/leads/{id}/follow-ups", List.of(
                    path((o, r) -> "/api/sales/leads/" + r.lead() + "/follow-ups",
                            (o, r) -> "{\"date\":\"2026-11-01\",\"note\":\"x\",\"lost\":true}"))),
            Map.entry("POST /api/sales/leads/{id}/convert", List.of(
                    path((o, r) -> "/api/sales/leads/" + r.lead() + "/convert", (o, r) -> "{\"saleId\":\"" + o.sale() + "\"}"),
                    body((o, r) -> "/api/sales/leads/" + o.lead() + "/convert", (o, r) -> "{\"saleId\":\"" + r.sale() + "\"}",
                            "saleId"))),
            Map.entry("POST /api/sales/salespeople/{id}/deactivation", List.of(
                    path((o, r) -> "/api/sales/salespeople/" + r.salesperson() + "/deactivation",
                            (o, r) -> "{\"successorId\":\"" + o.salesperson() + "\"}"),
                    body((o, r) -> "/api/sales/salespeople/" + o.salesperson() + "/deactivation",
                            (o, r) -> "{\"successorId\":\"" + r.salesperson() + "\"}", "successorId"))),
            Map.entry("PUT /api/sales/targets/{year}/{level}/{unitId}", List.of(
                    path((o, r) -> "/api/sales/targets/2026/SALESPERSON/" + r.salesperson(),
                            (o, r) -> "{\"targetFen\":100,\"taskFen\":50}"))));

    /**
     * Commands that name no record of a branch: branches, market totals and the roll-up rebuild are HQ's reference data;
     * {@code PUT /salespeople/{id}} creates the salesperson under that id (another branch's id answers 404, see
     * OrganisationTest); the VIP visit plan names a branch and a quarter and takes its customers from the replica; the
     * platform's dead-letter replay names a topic and is for operators; HQ's holiday calendar (SAL-8) names a year; the model catalogue (SAL-12) and its remap of stored sales are HQ's and group-wide, with no branch to
     * leak (an alias naming an unknown model is 422 on modelId, in ModelCatalogueTest).
     */
    static final List<String> WITHOUT_REFERENCES = List.of("PUT /api/sales/branches", "PUT /api/sales/salespeople/{id}",
            "POST /api/sales/visits/vip-plan",
            "PUT /api/hq/market-totals", "PUT /api/hq/holiday-calendars/{year}", "POST /api/hq/rollups/rebuild",
            "PUT /api/hq/catalogue/models/{modelId}", "PUT /api/hq/catalogue/aliases/{alias}",
            "POST /api/hq/catalogue/remap-sales",
            "POST /admin/dead-letters/{topic}/replay");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerReplica replica;

    @Test
    @DisplayName("INT-1 every command of sales-service's API document is in the reference matrix")
    void everyCommandIsInTheMatrix() throws Exception {
        java.util.SortedSet<String> commands = org.dealerplatform.test.ApiCommands.of(mvc);
        TreeSet<String> known = new TreeSet<>(MATRIX.keySet());
        known.addAll(WITHOUT_REFERENCES);
        assertThat(commands).as("commands of the API document; add a new one to the matrix").isEqualTo(known);
    }

    @Test
    @DisplayName("INT-1 a Hangzhou manager naming a Nanjing customer, salesperson, sale, lead or visit gets the same answer as for an unknown id (path 404, body 422 with the field); nothing changes")
    void foreignAndUnknownReferences() throws Exception {
        Own own = records(HANGZHOU_MANAGER, "ZJ-HZ-01");
        Own nanjing = records(NANJING_MANAGER, "JS-NJ-01");
        Refs foreign = new Refs(nanjing.customer(), nanjing.salesperson(), nanjing.sale(), nanjing.lead(), nanjing.visit());
        Refs unknown = new Refs(UUID.randomUUID().toString(), "sp-unknown-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Map<String, Object> before = snapshot(own, nanjing);
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, List<Call>> command : MATRIX.entrySet()) {
            HttpMethod method = HttpMethod.valueOf(command.getKey().split(" ")[0]);
            for (Call call : command.getValue()) {
                String what = command.getKey() + (call.bodyField() == null ? " (path id)" : " (" + call.bodyField() + ")");
                MockHttpServletResponse withForeign = perform(method, call, own, foreign);
                MockHttpServletResponse withUnknown = perform(method, call, own, unknown);
                int expected = call.bodyField() == null ? 404 : 422;
                assertThat(withForeign.getStatus()).as(what + " naming another branch's record: " + withForeign.getContentAsString())
                        .isEqualTo(expected);
                assertThat(withUnknown.getStatus()).as(what + " naming an unknown record: " + withUnknown.getContentAsString())
                        .isEqualTo(expected);
                if (call.bodyField() != null) {
                    assertThat(JsonPath.<String>read(withForeign.getContentAsString(), "$.errors[0].field"))
                            .as(what).isEqualTo(call.bodyField());
                    assertThat(JsonPath.<String>read(withUnknown.getContentAsString(), "$.errors[0].field"))
                            .as(what).isEqualTo(call.bodyField());
                }
                checked.add(what);
            }
        }
        assertThat(checked).hasSize(MATRIX.values().stream().mapToInt(List::size).sum());
        assertThat(snapshot(own, nanjing)).as("nothing changed").isEqualTo(before);
    }

    MockHttpServletResponse perform(HttpMethod method, Call call, Own own, Refs refs) throws Exception {
        var builder = request(method, call.uri().apply(own, refs)).header("Authorization", HANGZHOU_MANAGER);
        String body = call.body().apply(own, refs);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(builder).andReturn().getResponse();
    }

    /** A branch's salesperson, customer (in the replica), sale, open lead and planned visit. */
    Own records(String manager, String branch) throws Exception {
        String salesperson = salesperson(mvc, branch);
        String customer = customer(replica, branch, null);
        String sale = recordSale(mvc, manager, saleJson(customer, null, credit(salesperson, 100), "Lavida", "INDIVIDUAL", 100,
                "2026-03-01"));
        String lead = JsonPath.read(mvc.perform(post("/api/sales/leads").header("Authorization", manager)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"李娜","source":"PHONE","salespersonId":"%s","nextFollowUpDate":"2026-12-01"}""".formatted(salesperson)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        String visit = JsonPath.read(mvc.perform(post("/api/sales/visits").header("Authorization", manager)
                .contentType(MediaType.APPLICATION_JSON).content(VISIT.formatted(salesperson, customer)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        return new Own(salesperson, customer, sale, lead, visit);
    }

    /** The records of both branches and how many sales, visits, leads and targets exist. */
    Map<String, Object> snapshot(Own... branches) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String collection : List.of("sales", "visits", "leads", "targets")) {
            state.put(collection, mongo.getCollection(collection).countDocuments());
        }
        for (Own o : branches) {
            Document sale = mongo.findById(o.sale(), Document.class, "sales");
            sale.remove("pendingEvents"); // the outbox relay empties it meanwhile; version and facts tell a change
            state.put(o.sale(), sale);
            state.put(o.lead(), mongo.findById(o.lead(), Document.class, "leads"));
            state.put(o.visit(), mongo.findById(o.visit(), Document.class, "visits"));
        }
        return state;
    }
}
