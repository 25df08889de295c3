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
}
