package org.dealerplatform.customer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CustomerCsvImportTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    String importCsv(String auth, byte[] csv, boolean dryRun) throws Exception {
        String location = mvc.perform(post("/api/customers/import").param("dryRun", String.valueOf(dryRun))
                        .header("Authorization", auth).contentType("text/csv").content(csv))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value(org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "DONE")))
                .andReturn().getResponse().getHeader("Location");
        return finished(auth, location);
    }

    /** Follows the job at {@code location} until it is done; its last answer. */
    String finished(String auth, String location) throws Exception {
        assertThat(location).contains("/api/customers/import-jobs/");
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                mvc.perform(get(location).header("Authorization", auth)).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
                body -> !List.of("QUEUED", "RUNNING").contains(JsonPath.<String>read(body, "$.status")));
    }

    @Test
    @DisplayName("CUS-8 a 10,000-row CSV with exactly 100 bad rows, imported as a job: the finished job's report lists exactly those rows; the dry run creates nothing; a second import creates no customer")
    void tenThousandRows() throws Exception {
        int base = ThreadLocalRandom.current().nextInt(10_000_000, 80_000_000);
        StringBuilder csv = new StringBuilder("\uFEFFname,type,mobile,email,address,preferredLanguage,firstVisitDate\n");
        Set<Long> badRows = new TreeSet<>();
        for (int i = 0; i < 10_000; i++) {
            long row = i + 2;
            String mobile = "166" + (base + i);
            String name = "客户" + i;
            String email = "c" + i + "@example.cn";
            String date = ""; // today: these files are not overdue, so they do not flood the two-day-rule tests
            String type = "INDIVIDUAL";
            if (i % 100 == 42) {
                badRows.add(row);
                switch ((i / 100) % 5) {
                    case 0 -> mobile = "12345";
                    case 1 -> name = "";
                    case 2 -> email = "not-an-email";
                    case 3 -> date = "2026-02-30";
                    default -> type = "ALIEN";
                }
            }
            csv.append(name).append(',').append(type).append(',').append(mobile).append(',').append(email)
                    .append(",\"南京市鼓楼区中山路").append(i).append("号, 3楼\",zh-CN,").append(date).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);

        String dry = importCsv(NANJING_SALES, bytes, true);
        assertThat((Integer) JsonPath.read(dry, "$.rows")).isEqualTo(10_000);
        assertThat((Integer) JsonPath.read(dry, "$.valid")).isEqualTo(9_900);
        assertThat((Integer) JsonPath.read(dry, "$.created")).isZero();
        assertThat(problemRows(dry)).containsExactlyElementsOf(badRows);

        String first = importCsv(NANJING_SALES, bytes, false);
        assertThat(JsonPath.<String>read(first, "$.status")).isEqualTo("DONE");
        assertThat((Integer) JsonPath.read(first, "$.rowsDone")).isEqualTo(10_000);
        assertThat((Integer) JsonPath.read(first, "$.created")).isEqualTo(9_900);
        assertThat(problemRows(first)).containsExactlyElementsOf(badRows);
        List<String> fields = JsonPath.read(first, "$.problems[*].field");
        assertThat(new TreeSet<>(fields)).containsExactly("email", "firstVisitDate", "mobile", "name", "type");

        String second = importCsv(NANJING_SALES, bytes, false);
        assertThat((Integer) JsonPath.read(second, "$.created")).isZero();
        assertThat((Integer) JsonPath.read(second, "$.alreadyOnFile")).isEqualTo(9_900);
        assertThat(problemRows(second)).containsExactlyElementsOf(badRows);

        mvc.perform(get("/api/customers").param("mobile", "166" + (base + 1)).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].name").value("客户1"))
                .andExpect(jsonPath("$.content[0].address").value("南京市鼓楼区中山路1号, 3楼"));
    }

    @Test
    @DisplayName("SEC-3 an import of more than 100,000 rows or 32 MiB is a 413 problem before any job is queued; a quoted line break does not count as a row")
    void sizeLimits() throws Exception {
        String header = "branchId,name,type,mobile,email,address,preferredLanguage,firstVisitDate\n";
        StringBuilder rows = new StringBuilder(header);
        for (int i = 0; i <= 100_000; i++) { // 100,001 data rows
            rows.append("JS-NJ-01,客户").append(i).append(",INDIVIDUAL,,,,zh-CN,\n");
        }
        mvc.perform(post("/api/customers/import").header("Authorization", NANJING_SALES).contentType("text/csv")
                        .content(rows.toString().getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("100000")));

        StringBuilder multiLine = new StringBuilder(header);
        for (int i = 0; i < 50_000; i++) { // 50,000 rows over 100,000 lines: an address with a line break in quotes
            multiLine.append("JS-NJ-01,客户").append(i).append(",INDIVIDUAL,,,\"南京市\n江宁区\",zh-CN,\n");
        }
        mvc.perform(post("/api/customers/import").param("dryRun", "true").header("Authorization", NANJING_SALES)
                        .contentType("text/csv").content(multiLine.toString().getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted());

        byte[] huge = new byte[32 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        mvc.perform(post("/api/customers/import").header("Authorization", NANJING_SALES).contentType("text/csv")
                        .content(huge))
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("32 MiB")));
    }

    @Test
    @DisplayName("SEC-3 the CSV body is streamed, not read into memory: a 20,000-row (~6 MiB) import allocates less than a quarter of its size on the request thread, and the job reads and checks every row")
    void bodyIsStreamed() throws Exception {
        int base = ThreadLocalRandom.current().nextInt(10_000_000, 80_000_000);
        String padding = "中山路".repeat(60); // ~540 bytes a row: the body is several MiB
        StringBuilder csv = new StringBuilder("name,mobile,address\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("流式客户").append(i).append(",177").append(base + i).append(",南京市").append(padding).append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(6 * 1024 * 1024);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var request = post("/api/customers/import").param("dryRun", "true") // a dry run reads and checks every row
                .header("Authorization", NANJING_SALES).contentType("text/csv").content(bytes);
        // the service's filters and controllers as in every test, without the test's own printing of each request
        var builder = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context);
        var boot = new org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer(context);
        boot.setAddFilters(true);
        boot.setPrint(org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint.NONE);
        boot.customize(builder);
        MockMvc mvc = builder.build();
        mvc.perform(post("/api/customers/import").param("dryRun", "true").header("Authorization", NANJING_SALES)
                .contentType("text/csv").content("name,mobile\nx,13800000000\n".getBytes(StandardCharsets.UTF_8))); // warm-up

        long before = threads.getCurrentThreadAllocatedBytes();
        String location = mvc.perform(request).andExpect(status().isAccepted())
                .andReturn().getResponse().getHeader("Location");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("SEC-3 streamed import: %,d bytes of body, %,d bytes allocated on the request thread%n",
                bytes.length, allocated);
        assertThat(allocated).as("bytes allocated while answering a %,d-byte import", bytes.length)
                .isLessThan(bytes.length / 4);

        String report = finished(NANJING_SALES, location);
        assertThat(JsonPath.<String>read(report, "$.status")).isEqualTo("DONE");
        assertThat((Integer) JsonPath.read(report, "$.rows")).isEqualTo(20_000);
        assertThat((Integer) JsonPath.read(report, "$.valid")).isEqualTo(20_000);
        assertThat((Integer) JsonPath.read(report, "$.problemCount")).isZero();
    }

    @Test
    @DisplayName("CUS-8 an import job belongs to its branch: another branch's user gets 404, like an unknown job; HQ sees it")
    void jobsAreBranchScoped() throws Exception {
        byte[] csv = ("name,mobile\n导入客户," + CustomerApi.mobile() + "\n").getBytes(StandardCharsets.UTF_8);
        String location = mvc.perform(post("/api/customers/import").header("Authorization", NANJING_SALES)
                        .contentType("text/csv").content(csv))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.branchId").value(CustomerApi.NANJING))
                .andReturn().getResponse().getHeader("Location");
        assertThat(JsonPath.<String>read(finished(NANJING_SALES, location), "$.status")).isEqualTo("DONE");

        mvc.perform(get(location).header("Authorization", HANGZHOU_SALES)).andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/import-jobs/no-such-job").header("Authorization", NANJING_SALES))
                .andExpect(status().isNotFound());
        mvc.perform(get(location).header("Authorization", CustomerApi.HQ))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
    }

    static List<Long> problemRows(String report) {
        List<Number> rows = JsonPath.read(report, "$.problems[*].row");
        List<Long> distinct = new ArrayList<>();
        rows.stream().map(Number::longValue).distinct().forEach(distinct::add);
        return distinct;
    }

    @Test
    @DisplayName("CUS-1 ECO-4 an uploaded file (multipart) is imported as a job; the export holds the caller's branch's files as UTF-8 CSV with Chinese text and headers")
    void multipartAndExport() throws Exception {
        String mobile = CustomerApi.mobile();
        String hzMobile = CustomerApi.mobile();
        MockMultipartFile file = new MockMultipartFile("file", "customers.csv", "text/csv",
                ("name,mobile,address,branchId\n导入客户,%s,南京市玄武区,JS-NJ-01\n外店客户,%s,杭州,ZJ-HZ-01\n".formatted(mobile, hzMobile))
                        .getBytes(StandardCharsets.UTF_8));
        String location = mvc.perform(multipart("/api/customers/import").file(file).header("Authorization", NANJING_SALES))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getHeader("Location");
        String report = finished(NANJING_SALES, location);
        assertThat((Integer) JsonPath.read(report, "$.created")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(report, "$.problems[0].row")).isEqualTo(3);
        assertThat(JsonPath.<String>read(report, "$.problems[0].field")).isEqualTo("branchId");
        new CustomerApi(mvc).register(HANGZHOU_SALES, "杭州客户", hzMobile, "杭州", java.time.LocalDate.now());

        byte[] export = mvc.perform(get("/api/customers/export").header("Authorization", NANJING_SALES))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(export, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF编号,门店编号,名称"); // ECO-4: Chinese headers by default
        assertThat(text).contains("导入客户").contains(mobile).contains("南京市玄武区");
        assertThat(text).doesNotContain(hzMobile).doesNotContain("ZJ-HZ-01");
    }

    @Test
    @DisplayName("SEC-9 every export of customer data is audited (who, when, which filter, how many rows); only HQ reads the audit")
    void exportsAreAudited() throws Exception {
        String subject = "auditor-" + java.util.UUID.randomUUID();
        String caller = org.dealerplatform.test.DevTokens.bearer(subject, CustomerApi.NANJING, "BRANCH_MANAGER");
        String csv = new String(mvc.perform(get("/api/customers/export").header("Authorization", caller))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        long rows;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv.substring(1)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            rows = parser.getRecords().size();
        }
        mvc.perform(get("/api/customers/export").param("branchId", CustomerApi.HANGZHOU).header("Authorization", HQ_TOKEN))
                .andExpect(status().isOk());

        String audit = mvc.perform(get("/api/customers/export-audit").param("size", "200").header("Authorization", HQ_TOKEN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> mine = JsonPath.read(audit, "$.content[?(@.subject == '" + subject + "')].rows");
        assertThat(mine).containsExactly((int) rows);
        assertThat(JsonPath.<List<String>>read(audit, "$.content[?(@.subject == '" + subject + "')].callerBranchId"))
                .containsExactly(CustomerApi.NANJING);
        assertThat(JsonPath.<List<String>>read(audit, "$.content[?(@.subject == 'hq-analyst')].branchFilter"))
                .contains(CustomerApi.HANGZHOU);

        mvc.perform(get("/api/customers/export-audit").header("Authorization", caller)).andExpect(status().isForbidden());
        mvc.perform(get("/api/customers/export-audit").header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isForbidden());
    }

    private static final String HQ_TOKEN = CustomerApi.HQ;

    @Test
    @DisplayName("SEC-4 ECO-4 a customer named like a formula is exported as text with a leading quote (lang=en), and an import of that export, headers and all, reads the name back without it")
    void formulaNamesAreExportedAsText() throws Exception {
        String mobile = CustomerApi.mobile();
        String id = new CustomerApi(mvc).register(NANJING_SALES, "=HYPERLINK(A1)", mobile, "@SUM(A1)",
                java.time.LocalDate.now());

        String export = new String(mvc.perform(get("/api/customers/export").param("lang", "en").header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        CSVRecord row = null;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(export.substring(1)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord record : parser) {
                if (record.get("ID").equals(id)) {
                    row = record;
                }
            }
        }
        assertThat(row).as("the customer's export row").isNotNull();
        assertThat(row.get("Name")).isEqualTo("'=HYPERLINK(A1)");
        assertThat(row.get("Address")).isEqualTo("'@SUM(A1)");
        assertThat(row.get("Mobile")).isEqualTo(mobile);
        assertThat(row.get("File complete")).isIn("true", "false");

        String reimported = CustomerApi.mobile();
        // the export's own (English) headers are accepted by the import (ECO-4)
        String csv = "Name,Mobile,Address\n" + row.get("Name") + "," + reimported + "," + row.get("Address") + "\n";
        importCsv(NANJING_SALES, csv.getBytes(StandardCharsets.UTF_8), false);
        mvc.perform(get("/api/customers").param("mobile", reimported).header("Authorization", NANJING_SALES))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].name").value("=HYPERLINK(A1)"))
                .andExpect(jsonPath("$.content[0].address").value("@SUM(A1)"));
    }

    @Test
    @DisplayName("REL-7 an import retried with the same Idempotency-Key (CSV body or upload) answers the first job and imports the file once; another file with the key is 422")
    void retriedImportRunsOnce() throws Exception {
        String mobile = CustomerApi.mobile();
        byte[] csv = "name,mobile,address,branchId\n重试客户,%s,南京市,JS-NJ-01\n".formatted(mobile).getBytes(StandardCharsets.UTF_8);
        String key = java.util.UUID.randomUUID().toString();
        String first = mvc.perform(post("/api/customers/import").header("Idempotency-Key", key)
                        .header("Authorization", NANJING_SALES).contentType("text/csv").content(csv))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        String report = finished(NANJING_SALES, first);
        assertThat((Integer) JsonPath.read(report, "$.created")).isEqualTo(1);
        String again = mvc.perform(post("/api/customers/import").header("Idempotency-Key", key)
                        .header("Authorization", NANJING_SALES).contentType("text/csv").content(csv))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("DONE"))
                .andReturn().getResponse().getHeader("Location");
        assertThat(again).isEqualTo(first);
        mvc.perform(post("/api/customers/import").header("Idempotency-Key", key)
                        .header("Authorization", NANJING_SALES).contentType("text/csv")
                        .content("name,mobile\nx,%s\n".formatted(CustomerApi.mobile()).getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnprocessableEntity());

        String uploadKey = java.util.UUID.randomUUID().toString();
        byte[] upload = "name,mobile,address,branchId\n上传客户,%s,南京市,JS-NJ-01\n".formatted(CustomerApi.mobile())
                .getBytes(StandardCharsets.UTF_8);
        String uploaded = mvc.perform(multipart("/api/customers/import").file(new MockMultipartFile("file", "c.csv", "text/csv", upload))
                        .header("Idempotency-Key", uploadKey).header("Authorization", NANJING_SALES))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        finished(NANJING_SALES, uploaded);
        assertThat(mvc.perform(multipart("/api/customers/import").file(new MockMultipartFile("file", "c.csv", "text/csv", upload))
                        .header("Idempotency-Key", uploadKey).header("Authorization", NANJING_SALES))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location")).isEqualTo(uploaded);
    }
}
