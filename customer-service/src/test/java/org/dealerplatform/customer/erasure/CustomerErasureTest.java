package org.dealerplatform.customer.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING;
import static org.dealerplatform.customer.CustomerApi.NANJING_MANAGER;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.erasure.application.CustomerErasure;
import org.dealerplatform.customer.serving.persistence.ServiceGrantStore;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.MongoCommands;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class CustomerErasureTest {

    static final String HANGZHOU_MANAGER = DevTokens.bearer("hana", HANGZHOU, "BRANCH_MANAGER");
    static final String ERASED = "dealer.customers.CustomerErased.v1";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventFactory events;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${spring.mongodb.uri}")
    String uri;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    ResultActions erase(String auth, String id) throws Exception {
        return mvc.perform(post("/api/customers/" + id + "/erasure").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"customer's written request of 2026-11-28\"}"));
    }

    /** A complete Nanjing file with e-mail, notes, a plate and a visit note: every kind of personal data it can hold. */
    String fullFile(String mobile) throws Exception {
        String id = api.register(NANJING_SALES, "李娜", mobile, "南京市玄武区北京东路2号", LocalDate.now());
        api.addVehicle(NANJING_SALES, id, CustomerApi.vin(), "SUV", CustomerApi.plate());
        mvc.perform(put("/api/customers/" + id).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"李娜","type":"INDIVIDUAL","mobile":"%s","email":"li.na@example.cn",
                                 "address":"南京市玄武区北京东路2号","wantedServices":["tyres"],"notes":"prefers calls after 18:00"}
                                """.formatted(mobile)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/customers/" + id + "/visits").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + LocalDate.now() + "\",\"note\":\"came with her husband 张伟\"}"))
                .andExpect(status().isOk());
        return id;
    }

    @Test
    @DisplayName("SEC-9 HQ erases a customer's personal data in place (id, branch and facts kept, status ERASED), CustomerErased is published once through the outbox without personal data, a repeat is harmless and later edits are refused with a problem")
    void erasesInPlace() throws Exception {
        String mobile = CustomerApi.mobile();
        String id = fullFile(mobile);
        String vin = JsonPath.read(mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andReturn().getResponse().getContentAsString(), "$.vehicles[0].vin");

        String first = erase(HQ, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.branchId").value(NANJING))
                .andExpect(jsonPath("$.status").value("ERASED"))
                .andExpect(jsonPath("$.name").value(Customer.ERASED_NAME))
                .andExpect(jsonPath("$.mobile").doesNotExist())
                .andExpect(jsonPath("$.email").doesNotExist())
                .andExpect(jsonPath("$.address").doesNotExist())
                .andExpect(jsonPath("$.notes").doesNotExist())
                .andExpect(jsonPath("$.wantedServices.length()").value(0))
                .andExpect(jsonPath("$.vehicles[0].vin").value(vin))
                .andExpect(jsonPath("$.vehicles[0].plate").doesNotExist())
                .andExpect(jsonPath("$.visits[0].note").doesNotExist())
                .andExpect(jsonPath("$.visits[0].date").value(LocalDate.now().toString()))
                .andExpect(jsonPath("$.consents.SMS").value(false))
                .andExpect(jsonPath("$.erasedAt").exists())
                .andReturn().getResponse().getContentAsString();
        // the stored document holds none of it any more (not only the view)
        String stored = mongo.findById(id, Document.class, CustomerStore.COLLECTION).toJson();
        assertThat(stored).doesNotContain(mobile.substring(1), "李娜", "li.na@example.cn", "北京东路", "18:00", "张伟")
                .contains("\"erasureReason\"");

        // idempotent: the same answer, the same erasure time, no second event
        erase(HQ, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.erasedAt").value(JsonPath.<String>read(first, "$.erasedAt")))
                .andExpect(jsonPath("$.version").value(JsonPath.<Integer>read(first, "$.version")));
        // an erased file takes no change: a problem naming the file
        mvc.perform(put("/api/customers/" + id).header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"李娜\",\"mobile\":\"" + mobile + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        mvc.perform(post("/api/customers/" + id + "/visits").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"" + LocalDate.now() + "\"}"))
                .andExpect(status().isUnprocessableContent());
        // it is no longer found by its mobile, nor exported
        mvc.perform(get("/api/customers").param("mobile", mobile).header("Authorization", HQ))
                .andExpect(jsonPath("$.totalElements").value(0));

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> erased = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType(ERASED).test(r), 1, Duration.ofSeconds(15));
            String json = TopicProbe.value(erased.get(0));
            EventContracts.assertConforms(ERASED, json);
            assertThat(json).contains(id).doesNotContain(mobile.substring(1), "李娜", "li.na");
            assertThat(probe.settle(r -> id.equals(r.key()) && TopicProbe.ofType(ERASED).test(r), Duration.ofSeconds(3)))
                    .as("one CustomerErased however often the erasure is requested").hasSize(1);
        }
    }

    @Test
    @DisplayName("SEC-9 INT-1 only HQ or the file's own branch manager erases: another branch's manager gets 404 like an unknown file, a salesperson of the branch 403; nothing changes")
    void onlyHqOrTheOwnBranchManager() throws Exception {
        String id = fullFile(CustomerApi.mobile());
        Document before = mongo.findById(id, Document.class, CustomerStore.COLLECTION);

        erase(HANGZHOU_MANAGER, id).andExpect(status().isNotFound());
        erase(HANGZHOU_MANAGER, java.util.UUID.randomUUID().toString()).andExpect(status().isNotFound());
        erase(NANJING_SALES, id).andExpect(status().isForbidden());
        mvc.perform(post("/api/customers/" + id + "/erasure").header("Authorization", NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        Document after = mongo.findById(id, Document.class, CustomerStore.COLLECTION);
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.getString("status")).isEqualTo("ACTIVE");

        erase(NANJING_MANAGER, id).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ERASED"));
    }

    @Test
    @DisplayName("SEC-9 every export of customer files is audited with who, when, endpoint, filter and the exact rows written; erased files are not exported")
    void exportAuditCountsRows() throws Exception {
        String kept = fullFile(CustomerApi.mobile());
        String erased = fullFile(CustomerApi.mobile());
        erase(HQ, erased).andExpect(status().isOk());

        String csv = new String(mvc.perform(get("/api/customers/export").param("branchId", NANJING)
                        .header("Authorization", NANJING_MANAGER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(csv.lines().toList());
        lines.remove(0); // header
        long rows = lines.stream().filter(l -> l.matches("^[0-9a-f-]{36},.*")).count();
        assertThat(csv).contains(kept).doesNotContain(erased);

        String audit = mvc.perform(get("/api/customers/export-audit").param("size", "200").header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Object> mine = JsonPath.read(audit, "$.content[?(@.subject == 'mia')]");
        assertThat(mine).isNotEmpty();
        String newest = JsonPath.parse(mine.get(0)).jsonString();
        assertThat(JsonPath.<String>read(newest, "$.endpoint")).isEqualTo("GET /api/customers/export");
        assertThat(JsonPath.<String>read(newest, "$.callerBranchId")).isEqualTo(NANJING);
        assertThat(JsonPath.<List<String>>read(newest, "$.roles")).containsExactly("BRANCH_MANAGER");
        assertThat(JsonPath.<String>read(newest, "$.filter.branchId")).isEqualTo(NANJING);
        assertThat(JsonPath.<Number>read(newest, "$.rows").longValue()).isEqualTo(rows).isPositive();
        assertThat(JsonPath.<String>read(newest, "$.at")).isNotNull();
        assertThat(JsonPath.<String>read(newest, "$.finishedAt")).isNotNull();
    }

    @Test
    @DisplayName("SEC-9 with 10,000 files stored, an erasure reads and writes the file only by _id and {_id, version} (unique indexes: no scan of the files); the lookup audit gets one statement by customerId")
    void erasureAtVolumeIsAnIndexedLookup() throws Exception {
        Document shape = mongo.findById(api.register(NANJING_SALES), Document.class, CustomerStore.COLLECTION);
        List<Document> seeds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Document file = new Document(shape);
            file.put("_id", "vol-" + i + "-" + java.util.UUID.randomUUID());
            file.remove("mobile"); // the unique sparse index allows any number of files without one
            file.put("branchId", "VOL-01");
            file.put("name", "存量客户" + i);
            file.put("pendingEvents", List.of());
            seeds.add(file);
        }
        mongo.insert(seeds, CustomerStore.COLLECTION);
        assertThat(mongo.estimatedCount(CustomerStore.COLLECTION)).isGreaterThanOrEqualTo(10_000);
        String target = seeds.get(4_321).getString("_id");

        try (MongoCommands commands = MongoCommands.watch(uri)) {
            CustomerErasure erasure = new CustomerErasure(
                    new CustomerStore(new OutboxSupport(commands.template(), events, new OutboxSignal())),
                    new ServiceGrantStore(commands.template()), Clock.systemUTC());
            Caller hq = new Caller("hq-dpo", Set.of(Role.HQ), null);
            commands.clear();
            assertThat(erasure.erase(target, "written request", hq).status()).isEqualTo(Customer.Status.ERASED);
            erasure.erase(target, "written request", hq); // the repeat too

            Set<List<String>> indexed = Set.of(List.of("_id"), List.of("_id", "version"));
            List<MongoCommands.Sent> files = commands.to(CustomerStore.COLLECTION);
            assertThat(files).extracting(MongoCommands.Sent::name).contains("find", "update");
            assertThat(files).allSatisfy(s -> assertThat(indexed).as("filter of %s", s).contains(s.filterKeys()));
            // a constant number of point operations however many files are stored: a read, the compare-and-set, the
            // read of the answer; the repeat: one read
            assertThat(files).hasSize(4);
            assertThat(commands.to(ServiceGrantStore.AUDIT)).extracting(MongoCommands.Sent::filterKeys)
                    .containsExactly(List.of("customerId"), List.of("customerId"));
        }
        assertThat(mongo.findById(target, Document.class, CustomerStore.COLLECTION).getString("name"))
                .isEqualTo(Customer.ERASED_NAME);
    }
}
