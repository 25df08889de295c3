package org.dealerplatform.sales.morning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_SALES;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.customerOf;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Visits (SAL-7), leads (SAL-10) and the morning report (SAL-8), all at branch ZJ-HZ-01 unless said otherwise. */
@ServiceTest
class VisitsLeadsAndMorningReportTest {

    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }

    static final String HZ = DevTokens.bearer("hz-sales", "ZJ-HZ-01", "SALES");
    static final String NJ = DevTokens.bearer("nj-sales", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    String post(String auth, String url, String json, int status) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url).header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
    }

    @Test
    @DisplayName("SAL-7 the visit schedule lists VIP customers first; completed visits with outcomes feed the monthly statistics (also CSV, English headers with lang=en: ECO-4)")
    void visitScheduleAndStatistics() throws Exception {
        String sp = salesperson(mvc, "ZJ-HZ-01");
        String zhao = org.dealerplatform.sales.SalesFixtures.customer(replica, "ZJ-HZ-01", "FIRST_CLASS");
        String wang = org.dealerplatform.sales.SalesFixtures.customer(replica, "ZJ-HZ-01", "VIP");
        String plain = JsonPath.read(post(HZ, "/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","customerName":"赵强","vip":false,"plannedDate":"2024-05-02"}""".formatted(sp, zhao), 201), "$.id");
        String vip = JsonPath.read(post(HZ, "/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","customerName":"王伟","vip":true,"plannedDate":"2024-05-20","purpose":"new Passat"}""".formatted(sp, wang), 201), "$.id");
        mvc.perform(get("/api/sales/visits").header("Authorization", HZ).param("salespersonId", sp))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(vip))
                .andExpect(jsonPath("$.content[1].id").value(plain));
        post(HZ, "/api/sales/visits/" + vip + "/complete", "{\"doneDate\":\"2024-05-20\",\"outcome\":\"books a test drive\"}", 200);
        post(HZ, "/api/sales/visits/" + vip + "/complete", "{\"doneDate\":\"2024-05-20\",\"outcome\":\"again\"}", 422);
        post(HZ, "/api/sales/visits/" + plain + "/complete", "{\"doneDate\":\"2024-05-02\"}", 400);

        mvc.perform(get("/api/sales/visits/statistics").header("Authorization", HZ).param("month", "2024-05"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.salespeople[?(@.who=='" + sp + "')].planned").value(2))
                .andExpect(jsonPath("$.salespeople[?(@.who=='" + sp + "')].done").value(1))
                .andExpect(jsonPath("$.salespeople[?(@.who=='" + sp + "')].vipDone").value(1));
        String csv = mvc.perform(get("/api/sales/visits/statistics").header("Authorization", HZ).param("month", "2024-05")
                .param("format", "csv").param("lang", "en")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("Salesperson,Planned,Done,VIP planned,VIP done,Done (%)").contains(sp + ",2,1,1,1,50.00");

        // GW-2: another branch sees none of it and cannot complete it
        mvc.perform(get("/api/sales/visits").header("Authorization", NJ).param("salespersonId", sp))
                .andExpect(jsonPath("$.totalElements").value(0));
        post(NJ, "/api/sales/visits/" + plain + "/complete", "{\"doneDate\":\"2024-05-02\",\"outcome\":\"x\"}", 404);
        mvc.perform(get("/api/sales/visits/statistics").header("Authorization", NJ).param("month", "2024-05").param("branchId", "ZJ-HZ-01"))
                .andExpect(status().isNotFound());
        post(NJ, "/api/sales/visits", "{\"salespersonId\":\"%s\",\"customerId\":\"c\",\"plannedDate\":\"2024-05-02\"}".formatted(sp), 422);
    }

    @Test
    @DisplayName("SAL-12 SAL-10 a lead's interestModel resolves through the catalogue like a sale's model: an alias keeps the catalogue id and category, an unknown model is 422 on interestModel and opens nothing; the conversion carries the sale's catalogue model")
    void leadInterestModelIsACatalogueModel() throws Exception {
        String sp = salesperson(mvc, "ZJ-HZ-01");
        String lead = JsonPath.read(post(HZ, "/api/sales/leads", """
                {"name":"王芳","source":"WALK_IN","interestModel":"  途观L ","salespersonId":"%s","nextFollowUpDate":"2024-06-03"}"""
                .formatted(sp), 201), "$.id");
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", HZ))
                .andExpect(jsonPath("$.interestModel").value("Tiguan L"))
                .andExpect(jsonPath("$.interestCategory").value("SUV"));
        long before = mongo.getCollection("leads").countDocuments();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/sales/leads")
                        .header("Authorization", HZ).contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("""
                                {"name":"王芳","source":"WALK_IN","interestModel":"Tiguan XL","salespersonId":"%s","nextFollowUpDate":"2024-06-03"}"""
                                .formatted(sp)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("interestModel"));
        assertThat(mongo.getCollection("leads").countDocuments()).isEqualTo(before);
        String sale = recordSale(mvc, HZ, saleJson(customerOf("ZJ-HZ-01"), null, credit(sp, 100), "Tiguan L 380TSI",
                "INDIVIDUAL", 25_000_000, "2024-06-12"));
        post(HZ, "/api/sales/leads/" + lead + "/convert", "{\"saleId\":\"" + sale + "\"}", 200);
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", HZ))
                .andExpect(jsonPath("$.interestModel").value("Tiguan L"))
                .andExpect(jsonPath("$.saleModel").value("Tiguan L 380TSI"));
    }

    @Test
    @DisplayName("SAL-10 a lead keeps its source, status and next follow-up date, is found when due, and converts to a sale of its branch")
    void leadLifecycle() throws Exception {
        String sp = salesperson(mvc, "ZJ-HZ-01");
        String lead = JsonPath.read(post(HZ, "/api/sales/leads", """
                {"name":"李娜","mobile":"13812345678","source":"EXHIBITION","interestModel":"ID.4 CROZZ","salespersonId":"%s","nextFollowUpDate":"2024-06-03"}"""
                .formatted(sp), 201), "$.id");
        mvc.perform(get("/api/sales/leads").header("Authorization", HZ).param("dueBy", "2024-06-03").param("size", "200"))
                .andExpect(jsonPath("$.content[?(@.id=='" + lead + "')].source").value("EXHIBITION"));
        post(HZ, "/api/sales/leads/" + lead + "/follow-ups", "{\"date\":\"2024-06-03\",\"note\":\"asks for a quote\"}", 422);
        post(HZ, "/api/sales/leads/" + lead + "/follow-ups",
                "{\"date\":\"2024-06-03\",\"note\":\"asks for a quote\",\"nextFollowUpDate\":\"2024-06-10\"}", 200);
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", HZ))
                .andExpect(jsonPath("$.status").value("FOLLOWING_UP"))
                .andExpect(jsonPath("$.nextFollowUpDate").value("2024-06-10"))
                .andExpect(jsonPath("$.followUps[0].note").value("asks for a quote"));

        String njSp = salesperson(mvc, "JS-NJ-01");
        String foreignSale = recordSale(mvc, NJ, saleJson(customerOf("JS-NJ-01"), null, credit(njSp, 100), "ID.4 CROZZ", "INDIVIDUAL", 20_000_000, "2024-06-12"));
        post(HZ, "/api/sales/leads/" + lead + "/convert", "{\"saleId\":\"" + foreignSale + "\"}", 422);
        String sale = recordSale(mvc, HZ, saleJson(customerOf("ZJ-HZ-01"), null, credit(sp, 100), "ID.4 CROZZ", "INDIVIDUAL", 20_000_000, "2024-06-12"));
        post(HZ, "/api/sales/leads/" + lead + "/convert", "{\"saleId\":\"" + sale + "\"}", 200);
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", HZ))
                .andExpect(jsonPath("$.status").value("CONVERTED")).andExpect(jsonPath("$.saleId").value(sale))
                .andExpect(jsonPath("$.interestModel").value("ID.4 CROZZ")).andExpect(jsonPath("$.saleModel").value("ID.4 CROZZ"));
        post(HZ, "/api/sales/leads/" + lead + "/convert", "{\"saleId\":\"" + sale + "\"}", 422);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        mvc.perform(get("/api/sales/leads/statistics").header("Authorization", HZ).param("month", java.time.YearMonth.from(today).toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bySource[?(@.source=='EXHIBITION')].converted").value(org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1))));

        // GW-2
        mvc.perform(get("/api/sales/leads/statistics").header("Authorization", NJ).param("month", "2024-06").param("branchId", "ZJ-HZ-01"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/leads/" + lead).header("Authorization", NJ)).andExpect(status().isNotFound());
        post(NJ, "/api/sales/leads/" + lead + "/follow-ups", "{\"date\":\"2024-06-03\",\"note\":\"x\",\"lost\":true}", 404);
        mvc.perform(get("/api/sales/leads").header("Authorization", NJ).param("branchId", "ZJ-HZ-01"))
                .andExpect(jsonPath("$.totalElements").value(0));
        post(HZ, "/api/sales/leads", "{\"name\":\"\",\"mobile\":\"123\",\"salespersonId\":\"x\"}", 400);
    }

    @Test
    @DisplayName("SAL-8 ECO-4 the morning report shows the previous day's sales, new leads and feedback of the branch, and follow-ups due; other branches see only theirs")
    void morningReport() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate yesterday = today.minusDays(1);
        String sp = salesperson(mvc, "ZJ-HZ-01");
        recordSale(mvc, HZ, saleJson(customerOf("ZJ-HZ-01"), null, credit(sp, 100), "Passat 330TSI", "INDIVIDUAL", 25_000_000, yesterday.toString()));
        String visit = JsonPath.read(post(HZ, "/api/sales/visits", """
                {"salespersonId":"%s","customerId":"%s","customerName":"陈静","vip":true,"plannedDate":"%s"}""".formatted(sp,
                org.dealerplatform.sales.SalesFixtures.customer(replica, "ZJ-HZ-01", "VIP"), yesterday), 201), "$.id");
        post(HZ, "/api/sales/visits/" + visit + "/complete", "{\"doneDate\":\"" + yesterday + "\",\"outcome\":\"unhappy with delivery time\"}", 200);
        post(HZ, "/api/sales/leads", """
                {"name":"周杰","source":"PHONE","salespersonId":"%s","nextFollowUpDate":"%s"}""".formatted(sp, today), 201);

        String body = mvc.perform(get("/api/sales/morning-report").header("Authorization", HZ).param("date", today.toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<Integer>read(body, "$[0].salesCount")).isGreaterThanOrEqualTo(1);
        assertThat(JsonPath.<String>read(body, "$[0].branchId")).isEqualTo("ZJ-HZ-01");
        assertThat(body).contains("Passat 330TSI").contains("unhappy with delivery time");
        assertThat(JsonPath.<java.util.List<Object>>read(body, "$[0].followUpsDueToday[?(@.name=='周杰')]")).hasSize(1);
        String csv = mvc.perform(get("/api/sales/morning-report").header("Authorization", HZ).param("date", today.toString())
                .param("format", "csv")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // ECO-4: Chinese headers by default, the branch's name beside its id; English with lang=en
        assertThat(csv).contains("门店编号,门店名称,栏目,编号,内容,金额（元）,备注").contains("feedback visit");
        assertThat(csv.lines().filter(l -> l.startsWith("ZJ-HZ-01,")).findFirst().orElseThrow()).doesNotStartWith("ZJ-HZ-01,,");
        assertThat(mvc.perform(get("/api/sales/morning-report").header("Authorization", HZ).param("date", today.toString())
                .param("format", "csv").param("lang", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Branch ID,Branch,Section,ID,What,Amount (yuan),Note");

        // GW-2: Nanjing's report never shows Hangzhou, asking for it answers 404; HQ sees every branch
        String nanjing = mvc.perform(get("/api/sales/morning-report").header("Authorization", NJ).param("date", today.toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(nanjing).doesNotContain("unhappy with delivery time").doesNotContain("ZJ-HZ-01");
        mvc.perform(get("/api/sales/morning-report").header("Authorization", HANGZHOU_SALES).param("branchId", "JS-NJ-01"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/morning-report").header("Authorization", NJ).param("branchId", "ZJ-HZ-01"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/sales/morning-report").header("Authorization", HQ).param("date", today.toString()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.branchId=='ZJ-HZ-01')].salesCount").isNotEmpty());
    }

    @Test
    @DisplayName("SEC-4 the morning-report CSV gives a lead named like a formula a leading quote: no cell of the download starts a formula")
    void morningReportCsvIsNeutralised() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String sp = salesperson(mvc, "ZJ-HZ-01");
        post(HZ, "/api/sales/leads", """
                {"name":"=HYPERLINK(A1)","source":"PHONE","salespersonId":"%s","nextFollowUpDate":"%s"}""".formatted(sp, today), 201);
        String csv = mvc.perform(get("/api/sales/morning-report").header("Authorization", HZ).param("date", today.toString())
                .param("format", "csv")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        java.util.List<String> cells = new java.util.ArrayList<>();
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.builder()
                .setReader(new java.io.StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))
                .setFormat(org.apache.commons.csv.CSVFormat.DEFAULT).get()) {
            parser.forEach(record -> record.forEach(cells::add));
        }
        assertThat(cells).contains("'=HYPERLINK(A1)");
        assertThat(cells).noneMatch(cell -> cell.startsWith("=") || cell.startsWith("@") || cell.startsWith("+"));
    }
}
