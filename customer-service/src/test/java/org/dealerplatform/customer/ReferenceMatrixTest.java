package org.dealerplatform.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
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
 * INT-1: every command of customer-service's API document that names a customer file is called by a Hangzhou user with
 * a Nanjing file and with an unknown id; both get the same answer (a file in the path 404, a file in the body 422
 * naming its field) and nothing changes. Merges and transfers stay cross-branch for HQ (see BranchIsolationTest). A
 * command missing from {@link #MATRIX} and {@link #WITHOUT_REFERENCES} fails the test until it is added.
 */
@ServiceTest
class ReferenceMatrixTest {

    /** The caller's own file and its vehicle, so that the named reference is the only thing wrong with a call. */
    record Own(String customer, String vin) {
    }

    /** How one command is called and where its reference sits (bodyField null: in the path). */
    record Call(BiFunction<Own, String, String> uri, BiFunction<Own, String, String> body, String bodyField) {
    }

    static Call path(BiFunction<Own, String, String> uri, BiFunction<Own, String, String> body) {
        return new Call(uri, body, null);
    }

    /** Every command that names a file; the String argument is the named file (Nanjing's or unknown). */
    static final Map<String, List<Call>> MATRIX = Map.ofEntries(
            Map.entry("PUT /api/customers/{id}", List.of(path((o, ref) -> "/api/customers/" + ref,
                    (o, ref) -> "{\"name\":\"改名\"}"))),
            Map.entry("POST /api/customers/{id}/visits", List.of(path((o, ref) -> "/api/customers/" + ref + "/visits",
                    (o, ref) -> "{\"date\":\"2026-11-01\"}"))),
            Map.entry("POST /api/customers/{id}/vehicles", List.of(path((o, ref) -> "/api/customers/" + ref + "/vehicles",
                    (o, ref) -> "{\"vin\":\"%s\",\"model\":\"Passat\",\"category\":\"PASSENGER_CAR\"}".formatted(CustomerApi.vin())))),
            Map.entry("PUT /api/customers/{id}/vehicles/{vin}", List.of(path((o, ref) -> "/api/customers/" + ref + "/vehicles/" + o.vin(),
                    (o, ref) -> "{\"model\":\"Passat\",\"plate\":\"苏A54321\"}"))),
            Map.entry("POST /api/customers/{id}/erasure", List.of(path((o, ref) -> "/api/customers/" + ref + "/erasure",
                    (o, ref) -> "{\"reason\":\"customer's written request\"}"))),
            Map.entry("PUT /api/customers/{id}/consultant", List.of(path((o, ref) -> "/api/customers/" + ref + "/consultant",
                    (o, ref) -> "{\"salespersonId\":\"sp-zj-hz-01-1\"}"))),
            Map.entry("PUT /api/customers/{id}/contact-preferences", List.of(path(
                    (o, ref) -> "/api/customers/" + ref + "/contact-preferences", (o, ref) -> "{\"consents\":{\"SMS\":false}}"))),
            Map.entry("POST /api/customers/{id}/merge", List.of(
                    path((o, ref) -> "/api/customers/" + ref + "/merge", (o, ref) -> "{\"mergeCustomerId\":\"" + o.customer() + "\"}"),
                    new Call((o, ref) -> "/api/customers/" + o.customer() + "/merge",
                            (o, ref) -> "{\"mergeCustomerId\":\"" + ref + "\"}", "mergeCustomerId"))),
            Map.entry("POST /api/customers/{id}/vehicles/{vin}/transfer", List.of(
                    path((o, ref) -> "/api/customers/" + ref + "/vehicles/" + o.vin() + "/transfer",
                            (o, ref) -> "{\"toCustomerId\":\"" + o.customer() + "\"}"),
                    new Call((o, ref) -> "/api/customers/" + o.customer() + "/vehicles/" + o.vin() + "/transfer",
                            (o, ref) -> "{\"toCustomerId\":\"" + ref + "\"}", "toCustomerId"))));

    /**
     * Commands that name no existing file: registering and importing create files of the caller's branch (HQ names it);
     * the platform's dead-letter replay names a topic and is for operators; the serve-at-branch lookup names no file id
     * but an exact mobile or VIN, and is itself the audited way to another branch's customer (INT-1, ServeAtBranchTest);
     * the model remap is HQ's group-wide job and names no file (SAL-12, VehicleModelRemapTest); so are the class
     * thresholds HQ enters (CUS-3, ClassThresholdsTest).
     */
    static final List<String> WITHOUT_REFERENCES = List.of("POST /api/customers", "POST /api/customers/import",
            "POST /admin/dead-letters/{topic}/replay", "POST /api/customers/serve-at-branch",
            "POST /api/customers/model-remap", "PUT /api/customers/classification/thresholds");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("INT-1 every command of customer-service's API document is in the reference matrix")
    void everyCommandIsInTheMatrix() throws Exception {
        java.util.SortedSet<String> commands = org.dealerplatform.test.ApiCommands.of(mvc);
        TreeSet<String> known = new TreeSet<>(MATRIX.keySet());
        known.addAll(WITHOUT_REFERENCES);
        assertThat(commands).as("commands of the API document; add a new one to the matrix").isEqualTo(known);
    }

    @Test
    @DisplayName("INT-1 a Hangzhou user naming a Nanjing file gets the same answer as for an unknown one (path 404, body 422 with the field: merge and transfer); nothing changes")
    void foreignAndUnknownReferences() throws Exception {
        CustomerApi api = new CustomerApi(mvc);
        String hangzhou = api.register(HANGZHOU_SALES, "杭州客户", CustomerApi.mobile(), "杭州", LocalDate.now());
        Own own = new Own(hangzhou, api.addVehicle(HANGZHOU_SALES, hangzhou, CustomerApi.vin(), "PASSENGER_CAR", null));
        String nanjing = api.register(NANJING_SALES, "南京客户", CustomerApi.mobile(), "南京", LocalDate.now());
        api.addVehicle(NANJING_SALES, nanjing, CustomerApi.vin(), "PASSENGER_CAR", null);
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> before = snapshot(hangzhou, nanjing);
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, List<Call>> command : MATRIX.entrySet()) {
            HttpMethod method = HttpMethod.valueOf(command.getKey().split(" ")[0]);
            for (Call call : command.getValue()) {
                String what = command.getKey() + (call.bodyField() == null ? " (path id)" : " (" + call.bodyField() + ")");
                MockHttpServletResponse withForeign = perform(method, call, own, nanjing);
                MockHttpServletResponse withUnknown = perform(method, call, own, unknown);
                int expected = call.bodyField() == null ? 404 : 422;
                assertThat(withForeign.getStatus()).as(what + " naming another branch's file: " + withForeign.getContentAsString())
                        .isEqualTo(expected);
                assertThat(withUnknown.getStatus()).as(what + " naming an unknown file: " + withUnknown.getContentAsString())
                        .isEqualTo(expected);
                if (call.bodyField() != null) {
                    assertThat(JsonPath.<String>read(withForeign.getContentAsString(), "$.errors[0].field")).as(what)
                            .isEqualTo(call.bodyField());
                    assertThat(JsonPath.<String>read(withUnknown.getContentAsString(), "$.errors[0].field")).as(what)
                            .isEqualTo(call.bodyField());
                }
                checked.add(what);
            }
        }
        assertThat(checked).hasSize(MATRIX.values().stream().mapToInt(List::size).sum());
        assertThat(snapshot(hangzhou, nanjing)).as("nothing changed").isEqualTo(before);
    }

    MockHttpServletResponse perform(HttpMethod method, Call call, Own own, String ref) throws Exception {
        var builder = request(method, call.uri().apply(own, ref)).header("Authorization", HANGZHOU_SALES);
        String body = call.body().apply(own, ref);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(builder).andReturn().getResponse();
    }

    /** Both files as stored (without the outbox), and how many files exist. */
    Map<String, Object> snapshot(String... ids) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("files", mongo.getCollection("customers").countDocuments());
        for (String id : ids) {
            Document file = mongo.findById(id, Document.class, "customers");
            file.remove("pendingEvents"); // the outbox relay empties it meanwhile; version and fields tell a change
            state.put(id, file);
        }
        return state;
    }
}
