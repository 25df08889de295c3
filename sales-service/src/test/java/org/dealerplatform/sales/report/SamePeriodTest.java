package org.dealerplatform.sales.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@ServiceTest
class SamePeriodTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }


    @Autowired
    MockMvc mvc;

    String li;

    @BeforeEach
    void sales() throws Exception {
        li = salesperson(mvc, "JS-NJ-01");
        record("Lavida", "INDIVIDUAL", 50_000, "2025-11-15");
        record("Lavida", "INDIVIDUAL", 100_000, "2025-12-01");
        record("Tiguan L", "GOVERNMENT", 200_000, "2025-12-02");
        record("Tiguan L", "GOVERNMENT", 70_000, "2026-11-15");
        record("Lavida", "INDIVIDUAL", 300_000, "2026-12-01");
        await().atMost(Duration.ofSeconds(20)).until(() -> ytd("2025-12-31") == 350_000 && ytd("2026-12-01") == 370_000);
    }

    private void record(String model, String segment, long fen, String date) throws Exception {
        recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), model, segment, fen, date));
    }

    private long ytd(String asOf) throws Exception {
        String body = mvc.perform(get("/api/sales/reports/attainment").header("Authorization", NANJING_SALES)
                .param("level", "SALESPERSON").param("unitId", li).param("asOf", asOf)).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.yearToDate.actualFen")).longValue();
    }

    private MockHttpServletRequestBuilder yoy() {
        return get("/api/sales/reports/year-over-year").header("Authorization", NANJING_SALES).param("level", "SALESPERSON")
                .param("unitId", li);
    }

    @Test
    @DisplayName("SAL-5 on 1 December this month so far is compared with 1 December of last year only, not all of last December")
    void monthSoFarAgainstTheSameDays() throws Exception {
        mvc.perform(yoy().param("year", "2026").param("fromMonth", "11").param("toMonth", "12").param("asOf", "2026-12-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.to").value("2026-12-01"))
                .andExpect(jsonPath("$.previousTo").value("2025-12-01"))
                .andExpect(jsonPath("$.months[0].period").value("2026-11"))
                .andExpect(jsonPath("$.months[0].currentFen").value(70_000))
                .andExpect(jsonPath("$.months[0].previousFen").value(50_000))
                .andExpect(jsonPath("$.months[1].currentFen").value(300_000))
                .andExpect(jsonPath("$.months[1].previousFen").value(100_000))
                .andExpect(jsonPath("$.total.currentFen").value(370_000))
                .andExpect(jsonPath("$.total.previousFen").value(150_000))
                .andExpect(jsonPath("$.total.growthPercent").value(146.67));
        mvc.perform(yoy().param("from", "2026-12-01").param("asOf", "2026-12-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.previousFrom").value("2025-12-01"))
                .andExpect(jsonPath("$.total.previousFen").value(100_000));
    }

    @Test
    @DisplayName("SAL-5 a date range across the year boundary, and one segment or model over a partial month, count exactly the same days")
    void rangesAndDimensions() throws Exception {
        mvc.perform(yoy().param("from", "2025-11-20").param("to", "2026-12-01").param("asOf", "2026-12-10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.months.length()").value(14))
                .andExpect(jsonPath("$.previousFrom").value("2024-11-20"))
                .andExpect(jsonPath("$.total.currentFen").value(100_000 + 200_000 + 70_000 + 300_000))
                .andExpect(jsonPath("$.total.previousFen").value(50_000 + 100_000));
        mvc.perform(yoy().param("from", "2026-11-01").param("asOf", "2026-12-01").param("segment", "INDIVIDUAL"))
                .andExpect(jsonPath("$.total.currentFen").value(300_000))
                .andExpect(jsonPath("$.total.previousFen").value(150_000));
        mvc.perform(yoy().param("from", "2026-12-01").param("asOf", "2026-12-01").param("model", "Tiguan L"))
                .andExpect(jsonPath("$.total.currentFen").value(0))
                .andExpect(jsonPath("$.total.previousFen").value(0))
                .andExpect(jsonPath("$.total.growthPercent").isEmpty());
        mvc.perform(yoy().param("from", "2026-12-02").param("asOf", "2026-12-01"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    @DisplayName("SAL-5 in CSV a missing growth figure is an empty cell, not \"null\"")
    void csvHasEmptyGrowthCells() throws Exception {
        String csv = mvc.perform(yoy().param("from", "2026-12-01").param("asOf", "2026-12-01").param("model", "Tiguan L")
                .param("format", "csv")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).doesNotContain("null");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("2026-12,2026-12-01,2026-12-01,2025-12-01,2025-12-01,0.00,0.00,0.00,,");
    }
}
