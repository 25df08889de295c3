package org.dealerplatform.sales.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.bson.Document;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.sales.SalesFixtures;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.sales.visit.Visit;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CustomerErasureConsumerTest {

    static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";
    static final String REGISTERED = "dealer.customers.CustomerRegistered.v1";
    static final String UPDATED = "dealer.customers.CustomerUpdated.v1";
    static final String ERASED = "dealer.customers.CustomerErased.v1";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    VisitStore visits;
    @Autowired
    CustomerReplica replica;
    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    void publish(String type, String id, long version, Map<String, String> replacements) {
        Map<String, String> all = new java.util.HashMap<>(replacements);
        all.put(EXAMPLE_ID, id);
        TestEvents.publishExample(brokers, CustomerEventsListener.TOPIC, type, id, version, "JS-NJ-01", all);
    }

    Document replicaOf(String id) {
        return mongo.findById(id, Document.class, CustomerReplica.COLLECTION);
    }

    @Test
    @DisplayName("SEC-9 on CustomerErased the customer replica loses name and mobile and the visits the customer's name (date, salesperson, outcome kept); a redelivery changes nothing; a later CustomerUpdated, even of a higher version, does not bring the data back; no new sale or visit for the erased customer; a sale recorded before keeps its amount under the customer id, with nothing of the person")
    void erasureBlanksTheCopies() throws Exception {
        String id = UUID.randomUUID().toString();
        publish(REGISTERED, id, 1, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id), d -> d != null && "王伟".equals(d.getString("name")));
        String sp = SalesFixtures.salesperson(mvc, "JS-NJ-01");
        String saleId = SalesFixtures.recordSale(mvc, SalesFixtures.NANJING_SALES, SalesFixtures.saleJson(id, null,
                SalesFixtures.credit(sp, 100), "Passat 330TSI", "INDIVIDUAL", 18_800_000, LocalDate.now().toString()));
        String visitId = UUID.randomUUID().toString();
        visits.save(Visit.plan(visitId, "JS-NJ-01", "sp-1", id, "王伟", false, LocalDate.now().plusDays(3),
                "test drive of the new Passat", "alice"));

        publish(ERASED, id, 5, Map.of());
        Document erased = await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id),
                d -> Boolean.TRUE.equals(d.getBoolean("erased")));
        assertThat(erased.getString("name")).isNull();
        assertThat(erased.getString("mobile")).isNull();
        assertThat(erased.getString("branchId")).isEqualTo("JS-NJ-01");
        assertThat(erased.getString("type")).isEqualTo("INDIVIDUAL");
        Document visit = mongo.findById(visitId, Document.class, VisitStore.COLLECTION);
        assertThat(visit.getString("customerName")).isNull();
        assertThat(visit.getString("customerId")).isEqualTo(id);
        assertThat(visit.getString("purpose")).isEqualTo("test drive of the new Passat");
        assertThat(visit.getString("salespersonId")).isEqualTo("sp-1");
        // sales figures keep their amounts without the person: a sale names the customer by id only
        Document sale = mongo.findById(saleId, Document.class, "sales");
        assertThat(((Number) sale.get("amountFen")).longValue()).isEqualTo(18_800_000L);
        assertThat(sale.getString("customerId")).isEqualTo(id);
        assertThat(sale.toJson()).doesNotContain("王伟", "13812345678");
        Object revision = erased.get("rev");

        // a redelivered erasure, a late update of an older version and a replayed one of a higher version; then, on the
        // same partition (same key) and so applied after them, a class change that shows they were all consumed
        publish(ERASED, id, 5, Map.of());
        publish(UPDATED, id, 3, Map.of("王伟", "旧名字"));
        publish(UPDATED, id, 9, Map.of("王伟", "重放"));
        publish("dealer.customers.CustomerClassified.v1", id, 10, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> replicaOf(id).getString("customerClass"), "VIP"::equals);
        assertThat(((Number) replicaOf(id).get("rev")).longValue()).as("only the class change wrote")
                .isEqualTo(((Number) revision).longValue() + 1);
        Document after = replicaOf(id);
        assertThat(after.getString("name")).isNull();
        assertThat(after.getString("mobile")).isNull();
        assertThat(after.getString("email")).isNull();
        assertThat(mongo.findById(visitId, Document.class, VisitStore.COLLECTION).getString("customerName")).isNull();

        assertThatThrownBy(() -> replica.requireAt("JS-NJ-01", id, ServeAtBranchGrants.Purpose.SALE, "customerId"))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SEC-9 ECO-4 the morning report's CSV (customers' and prospects' names) is audited with who, when, filter (with its language) and its exact row count; HQ reads the audit, a branch user gets 403")
    void morningReportCsvIsAudited() throws Exception {
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String csv = mvc.perform(get("/api/sales/morning-report").header("Authorization", SalesFixtures.NANJING_MANAGER)
                        .param("date", today).param("format", "csv"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long rows;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.replace("\uFEFF", "")))) {
            rows = parser.getRecords().size();
        }

        String audit = mvc.perform(get("/api/sales/export-audit").param("size", "200").header("Authorization", SalesFixtures.HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> mine = JsonPath.read(audit, "$.content[?(@.subject == 'nj-manager')]");
        assertThat(mine).isNotEmpty();
        Map<String, Object> newest = mine.get(0);
        assertThat(newest.get("endpoint")).isEqualTo("GET /api/sales/morning-report");
        assertThat(newest.get("callerBranchId")).isEqualTo("JS-NJ-01");
        assertThat((Map<String, Object>) newest.get("filter")).containsEntry("date", today).containsEntry("format", "csv")
                .containsEntry("lang", "zh-CN"); // ECO-4: the download's header language is on record
        assertThat(((Number) newest.get("rows")).longValue()).isEqualTo(rows);
        assertThat(newest.get("at")).isNotNull();

        mvc.perform(get("/api/sales/export-audit").header("Authorization", SalesFixtures.NANJING_MANAGER))
                .andExpect(status().isForbidden());
    }
}
