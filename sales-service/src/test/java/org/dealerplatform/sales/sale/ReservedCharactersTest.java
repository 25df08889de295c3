package org.dealerplatform.sales.sale;

import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class ReservedCharactersTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }


    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private ResultActions postJson(String path, String auth, String json) throws Exception {
        return mvc.perform(post(path).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static ResultActions refused(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                // INT-3 (@DimensionValue: *, | or a control character) or, for a control character, already SEC-8 (BodyText)
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.either(
                        org.hamcrest.Matchers.equalTo("must not contain *, | or control characters"))
                        .or(org.hamcrest.Matchers.startsWith("must not contain control characters"))));
    }

    @Test
    @DisplayName("INT-3 a sale of model \"*\" (the roll-up's all-models key) is refused with 400 naming vehicle.model, and nothing is recorded")
    void modelStarIsRefused() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        refused(postJson("/api/sales/sales", NANJING_SALES,
                saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "*", "INDIVIDUAL", 10_000_000, "2026-03-20")), "vehicle.model");
        refused(postJson("/api/sales/sales", NANJING_SALES,
                saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "Passat|*", "INDIVIDUAL", 10_000_000, "2026-03-20")), "vehicle.model");
        refused(postJson("/api/sales/sales", NANJING_SALES,
                saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "Passat\\u0000", "INDIVIDUAL", 10_000_000, "2026-03-20")), "vehicle.model");
        mvc.perform(get("/api/sales/sales").header("Authorization", NANJING_SALES).param("salespersonId", li))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
    }

    @Test
    @DisplayName("INT-3 ids in a sale body (customer, salesperson, branch, VIN-free plate) with *, | or a control character get 400 with the field")
    void idsInSaleBodiesAreChecked() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String good = saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "Passat 330TSI", "INDIVIDUAL", 10_000_000, "2026-03-20");
        refused(postJson("/api/sales/sales", NANJING_SALES, good.replaceFirst("\"customerId\":\"[^\"]*\"", "\"customerId\":\"c|1\"")),
                "customerId");
        refused(postJson("/api/sales/sales", NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit("sp\\u0007x", 100), "Passat", "INDIVIDUAL",
                10_000_000, "2026-03-20")), "salespeople[0].salespersonId");
        refused(postJson("/api/sales/sales", HQ, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), "*", credit(li, 100), "Passat", "INDIVIDUAL", 10_000_000,
                "2026-03-20")), "branchId");
        refused(postJson("/api/sales/sales", NANJING_SALES, good.replace("\"category\":\"PASSENGER_CAR\"",
                "\"category\":\"PASSENGER_CAR\",\"plate\":\"苏A*2345\"")), "vehicle.plate");

        String id = recordSale(mvc, NANJING_SALES, good);
        refused(postJson("/api/sales/sales/" + id + "/correct", NANJING_SALES, """
                {"customerId":"c-1","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"*","category":"PASSENGER_CAR"},
                 "segment":"INDIVIDUAL","amountFen":9000000,"saleDate":"2026-03-20","reason":"typo"}""".formatted(credit(li, 100))),
                "vehicle.model");
        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicle.model").value("Passat 330TSI")).andExpect(jsonPath("$.version").value(1));
    }

    @Test
    @DisplayName("INT-3 leads, visits, salespeople, market totals and targets refuse * and | in their ids and dimensions")
    void otherCommandsAreChecked() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        refused(postJson("/api/sales/leads", NANJING_SALES, """
                {"name":"Wang","source":"WALK_IN","interestModel":"*","salespersonId":"%s","nextFollowUpDate":"2026-12-05"}"""
                .formatted(li)), "interestModel");
        refused(postJson("/api/sales/leads", NANJING_SALES, """
                {"name":"Wang","source":"WALK_IN","interestModel":"Passat","salespersonId":"sp|1","nextFollowUpDate":"2026-12-05"}"""),
                "salespersonId");
        refused(postJson("/api/sales/visits", NANJING_SALES, """
                {"salespersonId":"%s","customerId":"*","plannedDate":"2026-12-05"}""".formatted(li)), "customerId");
        refused(mvc.perform(put("/api/sales/salespeople/sp-new").header("Authorization", HQ)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"New\",\"branchId\":\"JS|NJ\"}")), "branchId");
        refused(mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"regionId\":\"*\",\"segment\":\"INDIVIDUAL\",\"month\":\"2026-11\",\"units\":100}]")),
                "enter.entries[0].regionId");
        mvc.perform(put("/api/sales/targets/2026/SALESPERSON/sp*").header("Authorization", NANJING_MANAGER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetFen\":100,\"taskFen\":50}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(endsWith("unitId")));
    }

    @Test
    @DisplayName("SEC-8 a NUL or ESC in a lead's free text (name, follow-up note) is a 400 problem naming the field and nothing is stored; a note over several lines (CR LF, TAB) is stored as given")
    void controlCharactersInBodyText() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String name = "王芳-" + java.util.UUID.randomUUID();
        postJson("/api/sales/leads", NANJING_SALES, """
                {"name":"%s\\u0000","source":"WALK_IN","salespersonId":"%s","nextFollowUpDate":"2026-12-05"}"""
                .formatted(name, li))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must not contain control characters")));
        org.assertj.core.api.Assertions.assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("name").regex("^" + java.util.regex.Pattern.quote(name))),
                "leads")).isZero();

        String lead = com.jayway.jsonpath.JsonPath.read(postJson("/api/sales/leads", NANJING_SALES, """
                {"name":"%s","source":"WALK_IN","salespersonId":"%s","nextFollowUpDate":"2026-12-05"}"""
                .formatted(name, li)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        postJson("/api/sales/leads/" + lead + "/follow-ups", NANJING_SALES, """
                {"date":"2026-12-03","note":"asks for a quote\\u001b[2J","nextFollowUpDate":"2026-12-10"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("note"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must not contain control characters")));
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.followUps.length()").value(0));
        postJson("/api/sales/leads/" + lead + "/follow-ups", NANJING_SALES, """
                {"date":"2026-12-03","note":"asks for a quote\\r\\nTiguan L\\tgrey","nextFollowUpDate":"2026-12-10"}""")
                .andExpect(status().isOk());
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.followUps[0].note").value("asks for a quote\r\nTiguan L\tgrey"));
    }
}
