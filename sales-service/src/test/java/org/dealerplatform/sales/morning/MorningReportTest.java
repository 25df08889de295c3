package org.dealerplatform.sales.morning;

import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The morning report at a branch of its own (MR-TS-01, region MORNING_TEST), so its figures are exactly the test's. */
@ServiceTest
class MorningReportTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
        replica.registered(org.dealerplatform.sales.SalesFixtures.customerOf(BRANCH), BRANCH, "客户", "INDIVIDUAL",
                "13800000001", 1);
    }


    static final String BRANCH = "MR-TS-01";
    static final String MANAGER = DevTokens.bearer("mr-manager", BRANCH, "BRANCH_MANAGER");

    @Autowired
    MockMvc mvc;

    private void branchWithSales() throws Exception {
        mvc.perform(put("/api/sales/branches").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"id\":\"" + BRANCH + "\",\"name\":\"Morning\",\"regionId\":\"MORNING_TEST\",\"regionName\":\"Morning\"}]"))
                .andExpect(status().isOk());
        mvc.perform(put("/api/sales/targets/2026/BRANCH/" + BRANCH).header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"targetFen\":1200000,\"taskFen\":600000}")).andExpect(status().isOk());
        String sp = salesperson(mvc, BRANCH);
        for (String[] sale : new String[][] {{"2026-11-26", "10000"}, {"2026-11-27", "20000"}, {"2026-11-28", "30000"},
                {"2026-11-29", "40000"}, {"2025-11-20", "15000"}, {"2025-11-30", "99000"}, {"2026-09-29", "7000"},
                {"2026-10-03", "5000"}}) {
            recordSale(mvc, MANAGER, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf(BRANCH), null, credit(sp, 100), "Lavida", "INDIVIDUAL", Long.parseLong(sale[1]), sale[0]));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String body = mvc.perform(get("/api/sales/reports/attainment").header("Authorization", MANAGER).param("level", "BRANCH")
                    .param("unitId", BRANCH).param("asOf", "2026-11-30")).andReturn().getResponse().getContentAsString();
            return ((Number) JsonPath.read(body, "$.yearToDate.actualFen")).longValue() == 112_000;
        });
    }

    @Test
    @DisplayName("SAL-8 on Monday the morning report covers Friday to Sunday, with month to date against the schedule and against the same days of last year")
    void mondayCoversTheWeekend() throws Exception {
        branchWithSales();
        mvc.perform(get("/api/sales/morning-report").header("Authorization", MANAGER).param("date", "2026-11-30"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].coveredFrom").value("2026-11-27"))
                .andExpect(jsonPath("$[0].coveredTo").value("2026-11-29"))
                .andExpect(jsonPath("$[0].salesCount").value(3))
                .andExpect(jsonPath("$[0].salesAmountFen").value(90_000))
                .andExpect(jsonPath("$[0].monthToDate.actualFen").value(100_000))
                .andExpect(jsonPath("$[0].monthToDate.targetFen").value(100_000))
                .andExpect(jsonPath("$[0].monthToDate.taskFen").value(50_000))
                .andExpect(jsonPath("$[0].monthToDate.targetAttainmentPercent").value(100.0))
                .andExpect(jsonPath("$[0].monthToDateSamePeriod.previousFrom").value("2025-11-01"))
                .andExpect(jsonPath("$[0].monthToDateSamePeriod.previousTo").value("2025-11-29"))
                .andExpect(jsonPath("$[0].monthToDateSamePeriod.currentFen").value(100_000))
                .andExpect(jsonPath("$[0].monthToDateSamePeriod.previousFen").value(15_000));
        mvc.perform(get("/api/sales/morning-report").header("Authorization", MANAGER).param("date", "2026-10-08"))
                .andExpect(jsonPath("$[0].coveredFrom").value("2026-09-30"))
                .andExpect(jsonPath("$[0].coveredTo").value("2026-10-07"))
                .andExpect(jsonPath("$[0].salesAmountFen").value(5_000));
    }

    @Test
    @DisplayName("SAL-8 HQ keeps the holiday calendar per year (PUT / GET, seeded 2026), and the morning report follows it; branches may not change it")
    void hqKeepsTheHolidayCalendar() throws Exception {
        mvc.perform(get("/api/hq/holiday-calendars/2026").header("Authorization", HQ))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays.length()").value(33))
                .andExpect(jsonPath("$.workingDays[5]").value("2026-10-10"));
        mvc.perform(put("/api/hq/holiday-calendars/2031").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"holidays\":[{\"date\":\"2031-03-03\",\"name\":\"Test day\"}],\"workingDays\":[\"2031-03-08\"]}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/hq/holiday-calendars/2031").header("Authorization", HQ))
                .andExpect(jsonPath("$.holidays[0].name").value("Test day"));
        mvc.perform(get("/api/sales/morning-report").header("Authorization", NANJING_MANAGER).param("date", "2031-03-04"))
                .andExpect(jsonPath("$[0].coveredFrom").value("2031-02-28"))
                .andExpect(jsonPath("$[0].coveredTo").value("2031-03-03"));
        mvc.perform(get("/api/sales/morning-report").header("Authorization", NANJING_MANAGER).param("date", "2031-03-10"))
                .andExpect(jsonPath("$[0].coveredFrom").value("2031-03-08"));
        mvc.perform(put("/api/hq/holiday-calendars/2031").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"holidays\":[{\"date\":\"2030-12-31\",\"name\":\"Wrong year\"}]}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("holidays"));
        mvc.perform(put("/api/hq/holiday-calendars/2031").header("Authorization", NANJING_MANAGER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"holidays\":[]}")).andExpect(status().isForbidden());
        mvc.perform(get("/api/hq/holiday-calendars/2040").header("Authorization", HQ)).andExpect(status().isNotFound());
    }
}
