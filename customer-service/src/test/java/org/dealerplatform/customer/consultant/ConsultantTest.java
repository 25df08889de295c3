package org.dealerplatform.customer.consultant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING;
import static org.dealerplatform.customer.CustomerApi.NANJING_MANAGER;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.consultant.application.Consultants;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** UI-3: who looks after a customer, and a departed salesperson's customers going to their successor. */
@ServiceTest
class ConsultantTest {

    static final String TOPIC = "sales.organisation.events";
    static final String DEPARTED = "dealer.sales.SalespersonDeactivated.v1";

    @Autowired
    MockMvc mvc;
    @Autowired
    CustomerStore customers;
    @Autowired
    Consultants consultants;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    private static String salesperson() {
        return "sp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String consultantOf(String id, String auth) throws Exception {
        String body = mvc.perform(get("/api/customers/" + id).header("Authorization", auth))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.consultantId");
    }

    private org.springframework.test.web.servlet.ResultActions name(String id, String auth, String salespersonId)
            throws Exception {
        return mvc.perform(put("/api/customers/" + id + "/consultant").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content("{\"salespersonId\":\"" + salespersonId + "\"}"));
    }

    private void departure(String leaving, String branch, String successor, Instant at) {
        TestEvents.publishExample(brokers, TOPIC, DEPARTED, leaving, 1, branch, Map.of("\"sp-li\"", "\"" + leaving + "\"",
                "\"sp-zhao\"", "\"" + successor + "\"", "\"JS-NJ-01\"", "\"" + branch + "\"",
                "2026-11-20T02:15:30Z", at.toString()));
    }

    /** {@code count} files of {@code branch} looked after by {@code consultant}, stored in one bulk insert. */
    private List<String> files(String branch, String consultant, int count) {
        List<Customer> batch = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            Customer customer = Customer.register(UUID.randomUUID().toString(), branch, "客户" + i, CustomerType.INDIVIDUAL,
                    null, null, null, "zh-CN", LocalDate.now(), now);
            customer.assignConsultant(consultant, now);
            customer.recordedEvents().clear(); // stored as state: no 10,000 CustomerRegistered for the relay to publish
            batch.add(customer);
        }
        customers.insertAll(batch);
        return batch.stream().map(Customer::id).toList();
    }

    private long lookedAfterBy(String branch, String consultant) {
        return mongo.count(Query.query(Criteria.where("branchId").is(branch).and("consultantId").is(consultant)),
                Document.class, CustomerStore.COLLECTION);
    }

    @Test
    @DisplayName("UI-3 the salesperson who opens a file looks after it; a file opened by the manager has no consultant yet")
    void openerLooksAfterTheFile() throws Exception {
        String sp = salesperson();
        String opened = api.register("Bearer " + DevTokens.salesperson("alice", NANJING, sp), "孙丽", CustomerApi.mobile(),
                null, LocalDate.now());
        assertThat(consultantOf(opened, NANJING_SALES)).isEqualTo(sp);
        String byManager = api.register(NANJING_MANAGER, "周强", CustomerApi.mobile(), null, LocalDate.now());
        assertThat(consultantOf(byManager, NANJING_SALES)).isNull();
    }

    @Test
    @DisplayName("UI-3 SEC-3 the branch manager or HQ names a consultant; a salesperson may not (403), another branch's manager sees no file (404), a bad id is a field error (400)")
    void managerNamesTheConsultant() throws Exception {
        String id = api.register(NANJING_SALES);
        String sp = salesperson();
        name(id, NANJING_MANAGER, sp).andExpect(status().isOk()).andExpect(jsonPath("$.consultantId").value(sp));
        name(id, NANJING_SALES, salesperson()).andExpect(status().isForbidden());
        name(id, DevTokens.bearer("hz-manager", HANGZHOU, "BRANCH_MANAGER"), salesperson()).andExpect(status().isNotFound());
        name(id, NANJING_MANAGER, " ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("salespersonId"));
        String hq = salesperson();
        name(id, HQ, hq).andExpect(status().isOk());
        assertThat(consultantOf(id, NANJING_SALES)).isEqualTo(hq);
    }

    @Test
    @DisplayName("UI-3 a departure hands 10,000 files to the successor once (redelivered too), only in the departed salesperson's branch; the departed one can no longer be named")
    void departureHandsOverEveryFile() throws Exception {
        String leaving = salesperson();
        String successor = salesperson();
        String colleague = salesperson();
        List<String> mine = files(NANJING, leaving, 10_000);
        files(NANJING, colleague, 50);
        files(HANGZHOU, leaving, 100); // the same id in another branch is not this departure's
        Instant at = Instant.now();
        departure(leaving, NANJING, successor, at);
        departure(leaving, NANJING, successor, at); // redelivered
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> lookedAfterBy(NANJING, successor) == 10_000);
        assertThat(lookedAfterBy(NANJING, leaving)).isZero();
        assertThat(lookedAfterBy(NANJING, colleague)).isEqualTo(50);
        assertThat(lookedAfterBy(HANGZHOU, leaving)).isEqualTo(100);
        assertThat(consultantOf(mine.get(4_321), NANJING_SALES)).isEqualTo(successor);
        // every moved file was saved once, at its next version
        assertThat(mongo.count(Query.query(Criteria.where("consultantId").is(successor).and("version").is(2)),
                Document.class, CustomerStore.COLLECTION)).isEqualTo(10_000);

        String id = api.register(NANJING_SALES);
        name(id, NANJING_MANAGER, leaving).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("salespersonId"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(successor)));
        // a file the departed salesperson opens with a token still valid goes to their successor
        String late = api.register("Bearer " + DevTokens.salesperson("li", NANJING, leaving), "钱多", CustomerApi.mobile(),
                null, LocalDate.now());
        assertThat(consultantOf(late, NANJING_SALES)).isEqualTo(successor);
    }

    @Test
    @DisplayName("UI-3 a repeated or older departure moves nothing more; a file the manager gave to someone else meanwhile stays theirs")
    void repeatMovesNothing() throws Exception {
        String leaving = salesperson();
        String successor = salesperson();
        List<String> ids = files(NANJING, leaving, 3);
        String reassigned = ids.get(0);
        name(reassigned, NANJING_MANAGER, "sp-other").andExpect(status().isOk());
        ConsultantDeparture left = new ConsultantDeparture(leaving, NANJING, successor, Instant.now());
        assertThat(consultants.handOver(left)).isEqualTo(2);
        assertThat(consultants.handOver(left)).isZero();
        assertThat(consultantOf(reassigned, NANJING_SALES)).isEqualTo("sp-other");
        // an older departure arriving late keeps the later successor on record
        consultants.handOver(new ConsultantDeparture(leaving, NANJING, "sp-earlier", left.departedAt().minusSeconds(60)));
        name(api.register(NANJING_SALES), NANJING_MANAGER, leaving).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(successor)));
    }
}
