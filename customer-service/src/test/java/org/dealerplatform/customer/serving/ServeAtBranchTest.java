package org.dealerplatform.customer.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_MANAGER;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.persistence.VinClaims;
import org.dealerplatform.customer.serving.application.ServeAtBranch;
import org.dealerplatform.customer.serving.persistence.ServiceGrantStore;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.dealerplatform.test.MongoCommands;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class ServeAtBranchTest {

    @Autowired
    MockMvc mvc;
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

    @Test
    @DisplayName("INT-1 a Hangzhou salesperson who looks a Nanjing customer up by exact mobile gets a 30-minute grant for one transaction, published as CustomerServiceGranted (matching its schema) and audited: who, when, which branch, which lookup key")
    void exactMobileLookupGrantsAndIsAudited() throws Exception {
        String mobile = CustomerApi.mobile();
        String customer = api.register(NANJING_SALES, "王伟", mobile, "南京市鼓楼区中山路1号", LocalDate.now());
        try (TopicProbe probe = new TopicProbe(brokers, "customers.customer.events")) {
            lookUp(HANGZHOU_SALES, "{\"mobile\":\"" + mobile + "\",\"purpose\":\"SALE\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.customerId").value(customer))
                    .andExpect(jsonPath("$.grant.purpose").value("SALE"))
                    .andExpect(jsonPath("$.branchId").value("JS-NJ-01"))
                    .andExpect(jsonPath("$.grant.servingBranchId").value("ZJ-HZ-01"))
                    .andExpect(jsonPath("$.grant.lookupKey").value("mobile"));
            List<ConsumerRecord<String, byte[]>> granted = probe.await(r -> customer.equals(r.key())
                    && "dealer.customers.CustomerServiceGranted.v1".equals(TopicProbe.header(r, "ce_type")), 1,
                    Duration.ofSeconds(20));
            String json = TopicProbe.value(granted.get(0));
            EventContracts.assertConforms("dealer.customers.CustomerServiceGranted.v1", json);
            assertThat(json).contains("\"servingBranchId\":\"ZJ-HZ-01\"", "\"grantedBy\":\"bob\"", "\"branchId\":\"JS-NJ-01\"",
                    "\"purpose\":\"SALE\"");
        }
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", NANJING_MANAGER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].servingBranchId").value("ZJ-HZ-01"))
                .andExpect(jsonPath("$[0].grantedBy").value("bob"))
                .andExpect(jsonPath("$[0].lookupKey").value("mobile"))
                .andExpect(jsonPath("$[0].purpose").value("SALE"))
                .andExpect(jsonPath("$[0].grantedAt").exists());
        // the lookup grants a transaction, not the file: Hangzhou still cannot open it, nor its audit
        mvc.perform(get("/api/customers/" + customer).header("Authorization", HANGZHOU_SALES)).andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("INT-1 an exact VIN lookup grants too; a customer of the caller's own branch needs no grant and leaves no audit entry")
    void vinLookupAndOwnBranch() throws Exception {
        String customer = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, customer, CustomerApi.vin(), "PASSENGER_CAR", null);
        lookUp(HANGZHOU_SALES, "{\"vin\":\"" + vin.toLowerCase() + "\",\"purpose\":\"WORK_ORDER\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(customer))
                .andExpect(jsonPath("$.grant.lookupKey").value("vin"))
                .andExpect(jsonPath("$.grant.purpose").value("WORK_ORDER"));
        lookUp(NANJING_SALES, "{\"vin\":\"" + vin + "\",\"purpose\":\"WORK_ORDER\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.grant").doesNotExist());
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", HQ))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    @DisplayName("INT-1 no browsing: a partial mobile or VIN is 400, an unknown one 404, both or neither 422, and HQ (which needs no grant) 422")
    void onlyExactLookups() throws Exception {
        lookUp(HANGZHOU_SALES, "{\"mobile\":\"1381234\",\"purpose\":\"SALE\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mobile"));
        lookUp(HANGZHOU_SALES, "{\"vin\":\"1HGCM82633\",\"purpose\":\"SALE\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("vin"));
        lookUp(HANGZHOU_SALES, "{\"mobile\":\"" + CustomerApi.mobile() + "\",\"purpose\":\"SALE\"}").andExpect(status().isNotFound());
        lookUp(HANGZHOU_SALES, "{\"purpose\":\"SALE\"}").andExpect(status().isUnprocessableContent());
        lookUp(HQ, "{\"mobile\":\"" + CustomerApi.mobile() + "\",\"purpose\":\"SALE\"}").andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("INT-1 a lookup names its purpose: none or an unknown one is 400 on purpose, and no grant is made or audited")
    void purposeIsRequired() throws Exception {
        String mobile = CustomerApi.mobile();
        String customer = api.register(NANJING_SALES, "王伟", mobile, "南京市鼓楼区中山路1号", LocalDate.now());
        lookUp(HANGZHOU_SALES, "{\"mobile\":\"" + mobile + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        lookUp(HANGZHOU_SALES, "{\"mobile\":\"" + mobile + "\",\"purpose\":\"ANYTHING\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        mvc.perform(get("/api/customers/" + customer + "/service-grants").header("Authorization", HQ))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    @DisplayName("INT-1 with 10,000 customers stored the lookup by mobile and by VIN reads only by _id or unique-index keys (no scan)")
    void lookupIsNotAScanAtVolume() {
        MongoCommands commands = MongoCommands.watch(uri);
        try (commands) {
            List<Document> filler = new ArrayList<>();
            String run = String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
            for (int i = 0; i < 10_000; i++) {
                filler.add(new Document("_id", "vol-" + run + "-" + i).append("branchId", "XX-VOL-01").append("name", "客户")
                        .append("mobile", "166" + run + String.format("%04d", i)).append("version", 1L));
            }
            commands.template().insert(filler, CustomerStore.COLLECTION);
            CustomerStore store = new CustomerStore(new OutboxSupport(commands.template(), events, new OutboxSignal()));
            VinClaims claims = new VinClaims(commands.template());
            ServeAtBranch serving = new ServeAtBranch(store, claims, new ServiceGrantStore(commands.template()),
                    Clock.systemUTC());
            String mobile = CustomerApi.mobile();
            Customer customer = Customer.register(UUID.randomUUID().toString(), "JS-NJ-01", "王伟", CustomerType.INDIVIDUAL,
                    mobile, null, null, "zh-CN", LocalDate.now(), Instant.now());
            store.insert(customer);
            String vin = CustomerApi.vin();
            claims.claim(vin, customer.id());
            Caller hangzhou = new Caller("bob", Set.of(Role.SALES), "ZJ-HZ-01");
            commands.clear();

            assertThat(serving.lookUp(hangzhou, mobile, null, Purpose.SALE).grant().customerId()).isEqualTo(customer.id());
            assertThat(serving.lookUp(hangzhou, null, vin, Purpose.WORK_ORDER).grant().lookupKey()).isEqualTo("vin");

            Set<List<String>> indexed = Set.of(List.of("_id"), List.of("mobile"), List.of("_id", "version"),
                    List.of("_id", "customerId"));
            for (String collection : List.of(CustomerStore.COLLECTION, "vin_claims", ServiceGrantStore.GRANTS)) {
                assertThat(commands.to(collection)).as(collection).filteredOn(s -> !s.name().equals("insert")).isNotEmpty()
                        .allSatisfy(s -> assertThat(indexed).as("filter of %s", s).contains(s.filterKeys()));
            }
            commands.template().remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("branchId").is("XX-VOL-01")),
                    CustomerStore.COLLECTION);
        }
    }

    private ResultActions lookUp(String auth, String body) throws Exception {
        return mvc.perform(post("/api/customers/serve-at-branch").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
