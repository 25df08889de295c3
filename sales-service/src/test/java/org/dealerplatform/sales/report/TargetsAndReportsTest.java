package org.dealerplatform.sales.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_SALES;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.customerOf;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Targets, attainment, statistics, YoY, exports over HTTP, with the branch scoping of each. Year 2025 is this class's. */
@ServiceTest
class TargetsAndReportsTest {

    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }

    @Autowired
    MockMvc mvc;

    long attainmentActual(String auth, String level, String unit, String asOf) throws Exception {
        String body = mvc.perform(get("/api/sales/reports/attainment").header("Authorization", auth).param("level", level)
                .param("unitId", unit).param("asOf", asOf)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.yearToDate.actualFen")).longValue();
    }

    @Test
    @DisplayName("SAL-2 SAL-3 SAL-11 ECO-4 targets per level with a weighted monthly schedule; attainment counts the branch once and each salesperson by share, seconds after the sale")
    void targetsAndAttainment() throws Exception {
        String li = salesperson(mvc, "JS-SZ-01");
        String zhao = salesperson(mvc, "JS-SZ-01");
        String suzhouManager = org.dealerplatform.test.DevTokens.bearer("sz-manager", "JS-SZ-01", "BRANCH_MANAGER");
        mvc.perform(put("/api/sales/targets/2025/BRANCH/JS-SZ-01").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"targetFen\":1200000001,\"taskFen\":600000000,\"weights\":[1,1,1,1,1,1,1,1,1,1,1,1]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.monthlyTargetFen[0]").value(100_000_001))
                .andExpect(jsonPath("$.monthlyTargetFen[1]").value(100_000_000));
        mvc.perform(put("/api/sales/targets/2025/SALESPERSON/" + li).header("Authorization", suzhouManager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetFen\":120000,\"taskFen\":60000}")).andExpect(status().isOk());
        // a branch manager may not set the branch's own target, nor another branch's salesperson's
        mvc.perform(put("/api/sales/targets/2025/BRANCH/JS-SZ-01").header("Authorization", suzhouManager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetFen\":1,\"taskFen\":1}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/sales/targets/2025/SALESPERSON/" + li).header("Authorization", HANGZHOU_MANAGER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetFen\":1,\"taskFen\":1}")).andExpect(status().isNotFound());
        mvc.perform(put("/api/sales/targets/2025/BRANCH/JS-SZ-01").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"targetFen\":100,\"taskFen\":200}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("taskFen"));

        String suzhouSales = org.dealerplatform.test.DevTokens.bearer("sz", "JS-SZ-01", "SALES");
        recordSale(mvc, suzhouSales, saleJson(customerOf("JS-SZ-01"), null, credit(li, 60) + "," + credit(zhao, 40), "Magotan", "INDIVIDUAL", 100_001, "2025-03-10"));
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(suzhouManager, "BRANCH", "JS-SZ-01", "2025-03-31") == 100_001);
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(suzhouManager, "SALESPERSON", li, "2025-03-31") == 60_001);
        assertThat(attainmentActual(suzhouManager, "SALESPERSON", zhao, "2025-03-31")).isEqualTo(40_000);
        mvc.perform(get("/api/sales/reports/attainment").header("Authorization", suzhouManager).param("level", "BRANCH")
                        .param("unitId", "JS-SZ-01").param("asOf", "2025-03-31"))
                .andExpect(jsonPath("$.quarterToDate.targetFen").value(300_000_001))
                .andExpect(jsonPath("$.month.units").value(1.0));

        // SAL-4 monthly statistics by model and by salesperson share, also as CSV
        mvc.perform(get("/api/sales/reports/monthly").header("Authorization", suzhouManager).param("level", "BRANCH")
                        .param("unitId", "JS-SZ-01").param("month", "2025-03"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total.amountFen").value(100_001))
                .andExpect(jsonPath("$.byModel[0].key").value("Magotan"))
                .andExpect(jsonPath("$.byChild[?(@.key=='" + li + "')].units").value(0.6));
        String csv = mvc.perform(get("/api/sales/reports/monthly").header("Authorization", suzhouManager).param("level", "BRANCH")
                        .param("unitId", "JS-SZ-01").param("month", "2025-03").param("format", "csv"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // ECO-4: Chinese headers by default, amounts in yuan with two decimals, the salesperson's name beside the id
        assertThat(csv).contains("维度,项目,名称,金额（元）,台数").contains("model,Magotan,,1000.01,1.00")
                .contains("salesperson," + li + "," + li + ",600.01,");
        String english = mvc.perform(get("/api/sales/reports/monthly").header("Authorization", suzhouManager).param("level", "BRANCH")
                        .param("unitId", "JS-SZ-01").param("month", "2025-03").param("format", "csv").param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Dimension,Item,Name,Amount (yuan),Units").contains("model,Magotan,,1000.01,1.00");
        mvc.perform(get("/api/sales/reports/monthly").header("Authorization", suzhouManager).param("level", "BRANCH")
                        .param("unitId", "JS-SZ-01").param("month", "2025-03").param("format", "csv").param("lang", "fr"))
                .andExpect(status().isBadRequest());

        // SAL-2 gaps: the Jiangsu region target is not covered by its branches
        mvc.perform(put("/api/sales/targets/2025/REGION/JIANGSU").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"targetFen\":5000000000,\"taskFen\":3000000000}")).andExpect(status().isOk());
        mvc.perform(get("/api/hq/targets/2025/gaps").header("Authorization", HQ)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.unitId=='JIANGSU')].childrenTargetFen").value(1_200_000_001))
                .andExpect(jsonPath("$[?(@.unitId=='JIANGSU')].childrenWithoutTarget[0]").value("JS-NJ-01"));
        mvc.perform(get("/api/hq/targets/2025/gaps").header("Authorization", NANJING_MANAGER)).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("SAL-4 SAL-5 ECO-4 the annual summary is JSON, CSV, an Excel workbook and a printable PDF (Chinese by default, English with lang=en, amounts as #,##0.00 yuan); year-over-year compares with the same months of last year")
    void annualSummaryAndYearOverYear() throws Exception {
        String wang = salesperson(mvc, "JS-WX-01");
        String wuxi = org.dealerplatform.test.DevTokens.bearer("wx", "JS-WX-01", "SALES");
        String id = recordSale(mvc, wuxi, saleJson(customerOf("JS-WX-01"), null, credit(wang, 100), "Tiguan L", "GOVERNMENT", 300_000, "2025-06-01"));
        recordSale(mvc, wuxi, saleJson(customerOf("JS-WX-01"), null, credit(wang, 100), "Tiguan L", "GOVERNMENT", 200_000, "2024-06-11"));
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(wuxi, "SALESPERSON", wang, "2025-12-31") == 300_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(wuxi, "SALESPERSON", wang, "2024-12-31") == 200_000);
        mvc.perform(get("/api/sales/reports/year-over-year").header("Authorization", wuxi).param("level", "SALESPERSON")
                        .param("unitId", wang).param("year", "2025").param("fromMonth", "6").param("toMonth", "6"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total.currentFen").value(300_000))
                .andExpect(jsonPath("$.total.previousFen").value(200_000))
                .andExpect(jsonPath("$.total.growthPercent").value(50.0));

        // a cancellation reverses the figures
        mvc.perform(post("/api/sales/sales/" + id + "/cancel").header("Authorization", wuxi).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"financing refused\"}")).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(wuxi, "SALESPERSON", wang, "2025-12-31") == 0);

        String annual = mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", wuxi).param("level", "BRANCH")
                        .param("unitId", "JS-WX-01").param("year", "2024"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bySegment[0].key").value("GOVERNMENT"))
                .andExpect(jsonPath("$.byMonth.length()").value(12)).andReturn().getResponse().getContentAsString();
        long totalFen = com.jayway.jsonpath.JsonPath.<Number>read(annual, "$.total.amountFen").longValue();
        assertThat(totalFen).isGreaterThanOrEqualTo(200_000);
        byte[] xlsx = mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", wuxi).param("level", "BRANCH")
                        .param("unitId", "JS-WX-01").param("year", "2024").param("format", "xlsx"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            // ECO-4: Chinese sheets and headers by default, amounts as yuan numbers formatted #,##0.00
            assertThat(workbook.getSheet("年度汇总").getRow(0).getCell(0).getStringCellValue()).isEqualTo("维度");
            assertThat(workbook.getSheet("年度汇总").getRow(1).getCell(3).getNumericCellValue()).isEqualTo(totalFen / 100.0);
            assertThat(workbook.getSheet("年度汇总").getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(workbook.getSheet("目标完成")).isNotNull();
        }
        byte[] englishXlsx = mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", wuxi).param("level", "BRANCH")
                        .param("unitId", "JS-WX-01").param("year", "2024").param("format", "xlsx").param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(englishXlsx))) {
            assertThat(workbook.getSheet("Summary").getRow(0).getCell(0).getStringCellValue()).isEqualTo("Dimension");
            assertThat(workbook.getSheet("Attainment").getRow(0).getCell(1).getStringCellValue()).isEqualTo("Actual (yuan)");
        }
        // ECO-4: the printable annual summary (PDF, CJK font), Chinese by default, English with lang=en
        String total = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(java.math.BigDecimal.valueOf(totalFen, 2));
        for (String lang : new String[] {"zh-CN", "en"}) {
            byte[] pdf = mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", wuxi).param("level", "BRANCH")
                            .param("unitId", "JS-WX-01").param("year", "2024").param("format", "pdf").param("lang", lang))
                    .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                    .andReturn().getResponse().getContentAsByteArray();
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
                assertThat(text).contains("JS-WX-01").contains(total).contains("GOVERNMENT");
                if (lang.equals("en")) {
                    assertThat(text).contains("Annual sales summary 2024").contains("Amount (yuan)");
                } else {
                    assertThat(text).contains("年度销售汇总").contains("金额（元）").contains("维度");
                }
            }
        }
        mvc.perform(get("/api/sales/reports/year-over-year").header("Authorization", wuxi).param("level", "BRANCH")
                        .param("unitId", "JS-WX-01").param("year", "2025").param("format", "csv"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"));
        mvc.perform(get("/api/sales/reports/year-over-year").header("Authorization", wuxi).param("level", "BRANCH")
                        .param("unitId", "JS-WX-01").param("year", "2025").param("fromMonth", "9").param("toMonth", "2"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("GW-2 SAL-3 SAL-4 SAL-5 SAL-6 SAL-9 reports: another branch or its salesperson answers 404, group/region figures and /api/hq are HQ-only")
    void reportIsolation() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        for (String report : new String[] {"attainment", "year-over-year"}) {
            mvc.perform(get("/api/sales/reports/" + report).header("Authorization", HANGZHOU_SALES).param("level", "BRANCH")
                    .param("unitId", "JS-NJ-01").param("year", "2025")).andExpect(status().isNotFound());
            mvc.perform(get("/api/sales/reports/" + report).header("Authorization", HANGZHOU_SALES).param("level", "SALESPERSON")
                    .param("unitId", li).param("year", "2025")).andExpect(status().isNotFound());
            mvc.perform(get("/api/sales/reports/" + report).header("Authorization", NANJING_SALES).param("level", "REGION")
                    .param("unitId", "JIANGSU").param("year", "2025")).andExpect(status().isForbidden());
            mvc.perform(get("/api/sales/reports/" + report).header("Authorization", NANJING_SALES).param("level", "SALESPERSON")
                    .param("unitId", li).param("year", "2025")).andExpect(status().isOk());
        }
        mvc.perform(get("/api/sales/reports/monthly").header("Authorization", HANGZHOU_SALES).param("level", "BRANCH")
                .param("unitId", "JS-NJ-01").param("month", "2025-01")).andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", HANGZHOU_SALES).param("level", "BRANCH")
                .param("unitId", "JS-NJ-01").param("year", "2025").param("format", "xlsx")).andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/reports/annual-summary").header("Authorization", HANGZHOU_SALES).param("level", "BRANCH")
                .param("unitId", "JS-NJ-01").param("year", "2025").param("format", "pdf")).andExpect(status().isNotFound());
        mvc.perform(get("/api/hq/reports/attainment").header("Authorization", NANJING_MANAGER).param("level", "BRANCH")
                .param("unitId", "JS-NJ-01")).andExpect(status().isForbidden());
        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", NANJING_MANAGER).param("year", "2025"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/hq/rollups").header("Authorization", NANJING_MANAGER).param("level", "BRANCH")
                .param("unitId", "JS-NJ-01").param("from", "2025-01").param("to", "2025-12")).andExpect(status().isForbidden());
        mvc.perform(post("/api/hq/rollups/rebuild").header("Authorization", NANJING_MANAGER)).andExpect(status().isForbidden());
        mvc.perform(put("/api/hq/market-totals").header("Authorization", NANJING_MANAGER).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"regionId\":\"JIANGSU\",\"segment\":\"INDIVIDUAL\",\"month\":\"2025-01\",\"units\":5}]"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/hq/reports/attainment").header("Authorization", HQ).param("level", "GROUP").param("unitId", "GROUP"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/sales/targets/2025/REGION/JIANGSU").header("Authorization", NANJING_MANAGER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/sales/targets").param("year", "2025").header("Authorization", HANGZHOU_MANAGER))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.branchId=='JS-SZ-01')]").isEmpty());
        mvc.perform(get("/api/sales/reports/attainment").header("Authorization", HQ).param("level", "BRANCH").param("unitId", "JS-NJ-01")
                .param("asOf", "not-a-date")).andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("SAL-6 SAL-9 market totals entered by HQ give the share; the roll-up answers per month for any level")
    void marketShareAndRollup() throws Exception {
        mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"regionId\":\"ZHEJIANG\",\"segment\":\"GROUP_COMPANY\",\"month\":\"2025-09\",\"units\":4}]"))
                .andExpect(status().isOk());
        mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"regionId\":\"MARS\",\"segment\":\"GROUP_COMPANY\",\"month\":\"2025-09\",\"units\":4}]"))
                .andExpect(status().isUnprocessableContent());
        String sp = salesperson(mvc, "ZJ-NB-01");
        String ningbo = org.dealerplatform.test.DevTokens.bearer("nb", "ZJ-NB-01", "SALES");
        recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "Lavida Plus", "GROUP_COMPANY", 150_000, "2025-09-09"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String body = mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2025")
                    .param("regionId", "ZHEJIANG").param("segment", "GROUP_COMPANY").param("fromMonth", "9").param("toMonth", "9"))
                    .andReturn().getResponse().getContentAsString();
            Object share = JsonPath.read(body, "$.lines[0].sharePercent");
            return share != null && ((Number) share).doubleValue() == 25.0;
        });
        mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "REGION").param("unitId", "ZHEJIANG")
                        .param("from", "2025-09").param("to", "2025-10").param("segment", "GROUP_COMPANY").param("model", "Lavida Plus"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.months.length()").value(2))
                .andExpect(jsonPath("$.totalAmountFen").value(150_000));
        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2025").param("format", "csv"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"));
    }

    @Test
    @DisplayName("SAL-6 with the market entered for one month only, the year total counts that month's sales only; the other months are shown and flagged marketMissing")
    void marketShareTotalOverLinesWithAMarketFigure() throws Exception {
        mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"regionId\":\"ZHEJIANG\",\"segment\":\"GOVERNMENT\",\"month\":\"2018-03\",\"units\":100}]"))
                .andExpect(status().isOk());
        String sp = salesperson(mvc, "ZJ-NB-01");
        String ningbo = org.dealerplatform.test.DevTokens.bearer("nb", "ZJ-NB-01", "SALES");
        recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "Sinotruk sprinkler 12t", "GOVERNMENT", 150_000, "2018-03-09"));
        for (int m = 4; m <= 11; m++) {
            recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "Sinotruk sprinkler 12t", "GOVERNMENT", 150_000,
                    "2018-%02d-09".formatted(m)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(ningbo, "SALESPERSON", sp, "2018-12-31") == 9 * 150_000);
        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2018")
                        .param("regionId", "ZHEJIANG").param("segment", "GOVERNMENT"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines.length()").value(12))
                .andExpect(jsonPath("$.lines[2].month").value("2018-03"))
                .andExpect(jsonPath("$.lines[2].sharePercent").value(1.0))
                .andExpect(jsonPath("$.lines[2].marketMissing").value(false))
                .andExpect(jsonPath("$.lines[3].ownUnits").value(1.0))
                .andExpect(jsonPath("$.lines[3].marketMissing").value(true))
                .andExpect(jsonPath("$.lines[3].sharePercent").isEmpty())
                .andExpect(jsonPath("$.total.ownUnits").value(1.0))
                .andExpect(jsonPath("$.total.marketUnits").value(100))
                .andExpect(jsonPath("$.total.sharePercent").value(1.0))
                .andExpect(jsonPath("$.linesWithoutMarket").value(11))
                .andExpect(jsonPath("$.ownUnitsWithoutMarket").value(8.0));
        String csv = mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2018")
                        .param("regionId", "ZHEJIANG").param("segment", "GOVERNMENT").param("format", "csv"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).doesNotContain("null").contains("ZHEJIANG,GOVERNMENT,*,2018-04,1.00,,,true");
    }

    @Test
    @DisplayName("SAL-6 CUS-4 market share by vehicle category: a category's own units over the market HQ entered for that category; byCategory lists every category, and the total counts only the categories with a market figure")
    void marketShareByVehicleCategory() throws Exception {
        mvc.perform(put("/api/hq/market-totals").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        [{"regionId":"ZHEJIANG","segment":"GOVERNMENT","month":"2017-05","units":200},
                         {"regionId":"ZHEJIANG","segment":"GOVERNMENT","month":"2017-05","units":10,"category":"SPRINKLER"}]"""))
                .andExpect(status().isOk());
        String sp = salesperson(mvc, "ZJ-NB-01");
        String ningbo = org.dealerplatform.test.DevTokens.bearer("nb", "ZJ-NB-01", "SALES");
        recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "Sinotruk sprinkler 12t", "GOVERNMENT", 150_000, "2017-05-09"));
        recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "洒水车", "GOVERNMENT", 150_000, "2017-05-10"));
        recordSale(mvc, ningbo, saleJson(customerOf("ZJ-NB-01"), null, credit(sp, 100), "Passat 330TSI", "GOVERNMENT", 150_000, "2017-05-11"));
        await().atMost(Duration.ofSeconds(20)).until(() -> attainmentActual(ningbo, "SALESPERSON", sp, "2017-12-31") == 3 * 150_000);

        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2017")
                        .param("regionId", "ZHEJIANG").param("segment", "GOVERNMENT").param("fromMonth", "5").param("toMonth", "5")
                        .param("category", "SPRINKLER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines.length()").value(1))
                .andExpect(jsonPath("$.lines[0].category").value("SPRINKLER"))
                .andExpect(jsonPath("$.lines[0].ownUnits").value(2.0))
                .andExpect(jsonPath("$.lines[0].marketUnits").value(10))
                .andExpect(jsonPath("$.lines[0].sharePercent").value(20.0));
        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2017")
                        .param("regionId", "ZHEJIANG").param("segment", "GOVERNMENT").param("fromMonth", "5").param("toMonth", "5"))
                .andExpect(jsonPath("$.lines[0].category").value("*"))
                .andExpect(jsonPath("$.lines[0].ownUnits").value(3.0))
                .andExpect(jsonPath("$.lines[0].sharePercent").value(1.5));
        mvc.perform(get("/api/hq/reports/market-share").header("Authorization", HQ).param("year", "2017")
                        .param("regionId", "ZHEJIANG").param("segment", "GOVERNMENT").param("fromMonth", "5").param("toMonth", "5")
                        .param("byCategory", "true"))
                .andExpect(jsonPath("$.lines.length()").value(org.dealerplatform.sales.sale.VehicleCategory.values().length))
                .andExpect(jsonPath("$.lines[?(@.category == 'PASSENGER_CAR')].ownUnits").value(org.hamcrest.Matchers.contains(1.0)))
                .andExpect(jsonPath("$.lines[?(@.category == 'PASSENGER_CAR')].marketMissing").value(org.hamcrest.Matchers.contains(true)))
                .andExpect(jsonPath("$.total.ownUnits").value(2.0))
                .andExpect(jsonPath("$.total.marketUnits").value(10))
                .andExpect(jsonPath("$.total.sharePercent").value(20.0));
    }
}
