package org.dealerplatform.customer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.Document;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** ECO-4: the customer export is headed in Chinese by default and in English with lang=en, as CSV or as a workbook. */
@ServiceTest
class CustomerExportLanguageTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> CHINESE = List.of("编号", "门店编号", "名称", "客户类型", "手机号码", "电子邮箱", "地址",
            "首选语言", "首次到店日期", "客户等级", "档案完整", "车架号", "车牌号", "建档时间");
    private static final List<String> ENGLISH = List.of("ID", "Branch ID", "Name", "Customer type", "Mobile", "E-mail",
            "Address", "Preferred language", "First visit date", "Customer class", "File complete", "VINs", "Plates",
            "Registered at");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    private byte[] export(String auth, String... params) throws Exception {
        var request = get("/api/customers/export").header("Authorization", auth);
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private static CSVParser csv(byte[] body) throws Exception {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVParser.builder().setReader(new StringReader(text.substring(1)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get();
    }

    @Test
    @DisplayName("ECO-4 the customer CSV is headed in Chinese by default and in English with lang=en; registeredAt is a date and time of the business zone; lang=fr is 400")
    void csvHeadersAndDates() throws Exception {
        String id = new CustomerApi(mvc).register(NANJING_SALES, "李娜", CustomerApi.mobile(), "南京", LocalDate.now());
        String view = mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String registered = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(LocalDateTime.ofInstant(
                Instant.parse(JsonPath.read(view, "$.registeredAt")), ZoneId.of("Asia/Shanghai")));

        try (CSVParser parser = csv(export(NANJING_SALES))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(CHINESE);
            CSVRecord row = parser.stream().filter(r -> r.get("编号").equals(id)).findFirst().orElseThrow();
            assertThat(row.get("名称")).isEqualTo("李娜");
            assertThat(row.get("建档时间")).isEqualTo(registered);
        }
        try (CSVParser parser = csv(export(NANJING_SALES, "lang", "en"))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(ENGLISH);
            assertThat(parser.stream().filter(r -> r.get("ID").equals(id)).findFirst().orElseThrow().get("Registered at"))
                    .isEqualTo(registered);
        }
        mvc.perform(get("/api/customers/export").param("lang", "fr").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/customers/export").param("format", "pdf").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("ECO-4 SEC-4 SEC-9 GW-2 the customer workbook (format=xlsx or Accept): 10,000 files of a branch, Chinese or English frozen headers, "
            + "formula-like names as quoted text, flags as booleans, audited with its rows; another branch's caller gets none of them")
    void workbookAtVolume() throws Exception {
        String branch = "ECO4-" + UUID.randomUUID().toString().substring(0, 8);
        Document shape = mongo.findById(new CustomerApi(mvc).register(NANJING_SALES), Document.class, CustomerStore.COLLECTION);
        List<Document> seeds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Document file = new Document(shape);
            file.put("_id", branch + "-" + i);
            file.remove("mobile"); // the unique sparse index allows any number of files without one
            file.put("branchId", branch);
            file.put("name", i == 0 ? "=HYPERLINK(A1)" : "存量客户" + i);
            file.put("pendingEvents", List.of());
            seeds.add(file);
        }
        mongo.insert(seeds, CustomerStore.COLLECTION);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export(HQ, "branchId", branch, "format", "xlsx")))) {
            Sheet sheet = workbook.getSheet("客户档案");
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).containsExactlyElementsOf(CHINESE);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(20 * 256);
            assertThat(sheet.getLastRowNum()).isEqualTo(10_000);
            List<String> names = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() > 0) {
                    assertThat(row.getCell(1).getStringCellValue()).isEqualTo(branch);
                    assertThat(row.getCell(10).getCellType()).isEqualTo(CellType.BOOLEAN);
                    names.add(row.getCell(2).getStringCellValue());
                }
            }
            assertThat(names).contains("'=HYPERLINK(A1)", "存量客户9999").noneMatch(n -> n.startsWith("="));
        }
        byte[] negotiated = mvc.perform(get("/api/customers/export").param("branchId", branch).param("lang", "en")
                        .header("Accept", XLSX).header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(negotiated))) {
            assertThat(workbook.getSheet("Customer files").getRow(0).getCell(0).getStringCellValue()).isEqualTo("ID");
            assertThat(workbook.getSheet("Customer files").getLastRowNum()).isEqualTo(10_000);
        }

        // GW-2: a caller of another branch naming this branch gets only the header
        for (String auth : List.of(NANJING_SALES, HANGZHOU_SALES)) {
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export(auth, "branchId", branch, "format", "xlsx")))) {
                assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
            }
            try (CSVParser parser = csv(export(auth, "branchId", branch))) {
                assertThat(parser.getRecords()).isEmpty();
            }
        }

        // SEC-9: the workbook export is on record with its format, language and rows
        String audit = mvc.perform(get("/api/customers/export-audit").param("size", "200").header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> rows = JsonPath.read(audit, "$.content[?(@.branchFilter == '" + branch + "' && @.subject == 'hq-analyst')].rows");
        assertThat(rows).contains(10_000);
        assertThat(JsonPath.<List<String>>read(audit, "$.content[?(@.branchFilter == '" + branch + "')].filter.format"))
                .contains("xlsx", "csv");
        assertThat(JsonPath.<List<String>>read(audit, "$.content[?(@.branchFilter == '" + branch + "')].filter.lang"))
                .contains("zh-CN", "en");
    }

    @Test
    @DisplayName("ECO-4 SEC-9 GW-2 the customer file prints as the Basic Information Table of Customer Files (PDF, Chinese by default, English with lang=en), audited; another branch's file is 404")
    void printableCustomerFile() throws Exception {
        String mobile = CustomerApi.mobile();
        String id = new CustomerApi(mvc).register(NANJING_SALES, "王芳", mobile, "南京市鼓楼区中山路8号", LocalDate.now());
        for (String lang : List.of("zh-CN", "en")) {
            byte[] pdf = mvc.perform(get("/api/customers/" + id + "/file.pdf").param("lang", lang).header("Authorization", NANJING_SALES))
                    .andExpect(status().isOk())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                            .contentType(org.springframework.http.MediaType.APPLICATION_PDF))
                    .andReturn().getResponse().getContentAsByteArray();
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
                assertThat(text).contains("王芳").contains(mobile).contains("南京市鼓楼区中山路8号").contains(id);
                if (lang.equals("en")) {
                    assertThat(text).contains("Basic Information Table of Customer Files").contains("Mobile").contains("Registered at");
                } else {
                    assertThat(text).contains("客户档案基本信息表").contains("手机号码").contains("建档时间");
                }
            }
        }
        mvc.perform(get("/api/customers/" + id + "/file.pdf").header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/" + id + "/file.pdf").param("lang", "de").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest());

        String audit = mvc.perform(get("/api/customers/export-audit").param("size", "200").header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> rows = JsonPath.read(audit, "$.content[?(@.filter.customerId == '" + id + "')].rows");
        assertThat(rows).containsExactly(1, 1);
        assertThat(JsonPath.<List<String>>read(audit, "$.content[?(@.filter.customerId == '" + id + "')].endpoint"))
                .containsOnly("GET /api/customers/{id}/file.pdf");
    }
}
