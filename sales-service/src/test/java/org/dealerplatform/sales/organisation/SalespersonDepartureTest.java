package org.dealerplatform.sales.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.dealerplatform.sales.SalesFixtures.uniqueId;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.sales.lead.Lead;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.organisation.persistence.DepartureStore;
import org.dealerplatform.sales.visit.Visit;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** UI-3: a salesperson leaves; a colleague of the same branch takes over their open leads and planned visits. */
@ServiceTest
class SalespersonDepartureTest {

    static final String NANJING = "JS-NJ-01";
    static final int VOLUME = 10_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("UI-3 a manager deactivates a salesperson with 10,000 open leads: every open lead and planned visit moves to the successor in one command, closed ones stay, and SalespersonDeactivated (matching its schema) is published once")
    void departureHandsOverTheWorkAtVolume() throws Exception {
        String leaving = salesperson(mvc, NANJING);
        String successor = salesperson(mvc, NANJING);
        LocalDate today = LocalDate.now();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < VOLUME; i++) {
            leads.add(Lead.open(leaving + "-lead-" + i, NANJING, "客户" + i, null, Lead.Source.WALK_IN, null, null, leaving,
                    today.plusDays(i % 30), today, Instant.now(), "test"));
        }
        Lead converted = Lead.open(leaving + "-won", NANJING, "成交客户", null, Lead.Source.PHONE, null, null, leaving,
                today, today, Instant.now(), "test");
        leads.add(new Lead(converted.id(), NANJING, converted.name(), null, converted.source(), null, null, leaving,
                Lead.Status.CONVERTED, null, List.of(), "sale-1", null, today, Instant.now(), "test"));
        mongo.insert(leads, LeadStore.COLLECTION);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            visits.add(Visit.plan(leaving + "-visit-" + i, NANJING, leaving, "c-" + i, "客户" + i, i % 10 == 0,
                    today.plusDays(i % 7), "回访", "test"));
        }
        Visit done = Visit.plan(leaving + "-visit-done", NANJING, leaving, "c-done", "老客户", false, today, "回访", "test")
                .complete(today, "满意");
        visits.add(done);
        mongo.insert(visits, VisitStore.COLLECTION);

        deactivate(leaving, successor, NANJING_MANAGER).andExpect(status().isOk())
                .andExpect(jsonPath("$.salesperson.active").value(false))
                .andExpect(jsonPath("$.successorId").value(successor))
                .andExpect(jsonPath("$.leadsReassigned").value(VOLUME))
                .andExpect(jsonPath("$.visitsReassigned").value(1_000));

        assertThat(count(LeadStore.COLLECTION, successor)).isEqualTo(VOLUME);
        assertThat(count(LeadStore.COLLECTION, leaving)).as("the converted lead keeps who won it").isEqualTo(1);
        assertThat(count(VisitStore.COLLECTION, successor)).isEqualTo(1_000);
        assertThat(count(VisitStore.COLLECTION, leaving)).as("the visit done keeps who made it").isEqualTo(1);
        mvc.perform(get("/api/sales/leads/" + leaving + "-lead-17").header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.salespersonId").value(successor));
        mvc.perform(get("/api/sales/salespeople").header("Authorization", NANJING_MANAGER))
                .andExpect(jsonPath("$[?(@.id=='" + leaving + "')].active").value(false));

        // a repeat moves nothing more and publishes nothing more
        deactivate(leaving, successor, NANJING_MANAGER)
                .andExpect(status().isOk()).andExpect(jsonPath("$.leadsReassigned").value(0));
        deactivate(leaving, salesperson(mvc, NANJING), NANJING_MANAGER).andExpect(status().isConflict());

        try (TopicProbe probe = new TopicProbe(brokers, DepartureStore.TOPIC)) {
            probe.await(r -> leaving.equals(r.key()), 1, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> records = probe.settle(r -> leaving.equals(r.key()), Duration.ofSeconds(1));
            assertThat(records).hasSize(1);
            assertThat(TopicProbe.header(records.get(0), "ce_type")).isEqualTo("dealer.sales.SalespersonDeactivated.v1");
            EventContracts.assertConforms("dealer.sales.SalespersonDeactivated.v1", TopicProbe.value(records.get(0)));
            assertThat(TopicProbe.value(records.get(0))).contains("\"successorId\":\"" + successor + "\"")
                    .contains("\"branchId\":\"" + NANJING + "\"");
        }
    }

    @Test
    @DisplayName("UI-3 GW-2 a Hangzhou manager can neither list, add, deactivate nor reassign Nanjing staff (404); HQ can in any branch")
    void branchesStaySeparate() throws Exception {
        String nanjing = salesperson(mvc, NANJING);
        String nanjingColleague = salesperson(mvc, NANJING);
        String hangzhou = salesperson(mvc, "ZJ-HZ-01");
        String hangzhouColleague = salesperson(mvc, "ZJ-HZ-01");

        mvc.perform(get("/api/sales/salespeople").param("branchId", NANJING).header("Authorization", HANGZHOU_MANAGER))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/sales/salespeople/" + uniqueId("sp")).header("Authorization", HANGZHOU_MANAGER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"王五\",\"branchId\":\"" + NANJING + "\"}"))
                .andExpect(status().isNotFound());
        deactivate(nanjing, nanjingColleague, HANGZHOU_MANAGER).andExpect(status().isNotFound());
        // a Nanjing successor looks like a missing one
        deactivate(hangzhou, nanjing, HANGZHOU_MANAGER)
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("successorId"));
        deactivate(nanjing, hangzhou, NANJING_MANAGER).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("successorId"));
        mvc.perform(get("/api/sales/salespeople").param("branchId", NANJING).header("Authorization", NANJING_MANAGER))
                .andExpect(jsonPath("$[?(@.id=='" + nanjing + "')].active").value(true));

        deactivate(hangzhou, hangzhouColleague, HQ).andExpect(status().isOk());
        deactivate(nanjing, nanjingColleague, HQ).andExpect(status().isOk());
    }

    @Test
    @DisplayName("UI-3 the successor must be another active colleague; a blank one, oneself, an inactive one or switching off through PUT are refused with field errors; a salesperson cannot deactivate anyone")
    void invalidDeactivationsAreProblemDetails() throws Exception {
        String leaving = salesperson(mvc, NANJING);
        String colleague = salesperson(mvc, NANJING);
        String former = salesperson(mvc, NANJING);
        deactivate(former, colleague, NANJING_MANAGER).andExpect(status().isOk());

        mvc.perform(post("/api/sales/salespeople/" + leaving + "/deactivation").header("Authorization", NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"successorId\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='successorId')]").isNotEmpty());
        deactivate(leaving, leaving, NANJING_MANAGER).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("successorId"));
        deactivate(leaving, former, NANJING_MANAGER).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("successorId"));
        deactivate(leaving, colleague, NANJING_SALES).andExpect(status().isForbidden());
        mvc.perform(put("/api/sales/salespeople/" + leaving).header("Authorization", NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"active\":false}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("active"));
        mvc.perform(put("/api/sales/salespeople/" + former).header("Authorization", NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"回来了\",\"active\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(true));
    }

    private ResultActions deactivate(String id, String successor, String auth) throws Exception {
        return mvc.perform(post("/api/sales/salespeople/" + id + "/deactivation").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content("{\"successorId\":\"" + successor + "\"}"));
    }

    private long count(String collection, String salespersonId) {
        return mongo.count(Query.query(Criteria.where("salespersonId").is(salespersonId)), collection);
    }
}
