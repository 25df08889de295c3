package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CategoryDimensionTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }


    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("CUS-4 SAL-12 the roll-up and the annual summary cut sales by the catalogue's vehicle category; a correction to another model moves the figure to its category")
    void figuresByCategory() throws Exception {
        String sp = salesperson(mvc, "JS-NJ-01");
        String sprinkler = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(sp, 100), "洒水车", "GOVERNMENT", 400_000, "2017-05-10"));
        recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(sp, 100), "Passat", "INDIVIDUAL", 200_000, "2017-05-11"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rollup(sp, "*") == 600_000);
        assertThat(rollup(sp, "SPRINKLER")).isEqualTo(400_000);
        assertThat(rollup(sp, "PASSENGER_CAR")).isEqualTo(200_000);

        mvc.perform(get("/api/hq/reports/annual-summary").header("Authorization", HQ)
                        .param("level", "SALESPERSON").param("unitId", sp).param("year", "2017"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.byCategory.length()").value(2))
                .andExpect(jsonPath("$.byCategory[0].key").value("SPRINKLER"))
                .andExpect(jsonPath("$.byCategory[0].amountFen").value(400_000))
                .andExpect(jsonPath("$.byCategory[1].key").value("PASSENGER_CAR"))
                .andExpect(jsonPath("$.byMonth[4].amountFen").value(600_000));

        mvc.perform(post("/api/sales/sales/" + sprinkler + "/correct").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"customerId":"cust-JS-NJ-01","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"油罐车"},
                                 "segment":"GOVERNMENT","amountFen":400000,"saleDate":"2017-05-10","reason":"it was a tank car"}"""
                                .formatted(credit(sp, 100))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.vehicle.category").value("TANK_CAR"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rollup(sp, "TANK_CAR") == 400_000);
        assertThat(rollup(sp, "SPRINKLER")).isZero();
        assertThat(rollup(sp, "*")).isEqualTo(600_000);
    }

    @Test
    @DisplayName("CUS-4 the roll-up query refuses an unknown category, and a model together with a category (a model determines its category)")
    void categoryQueryRules() throws Exception {
        mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "GROUP").param("unitId", "GROUP")
                        .param("from", "2017-01").param("to", "2017-12").param("category", "HOVERCRAFT"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("category"));
        mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "GROUP").param("unitId", "GROUP")
                        .param("from", "2017-01").param("to", "2017-12").param("category", "SUV").param("model", "Tiguan L"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("category"));
    }

    private long rollup(String sp, String category) throws Exception {
        String body = mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "SALESPERSON")
                        .param("unitId", sp).param("from", "2017-01").param("to", "2017-12").param("category", category))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.totalAmountFen")).longValue();
    }
}
