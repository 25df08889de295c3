package org.dealerplatform.customer.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.overdue.application.OverdueFileCheck;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class OverdueFilesTest {

    /** A branch of its own, so the overdue list holds only this test's files. */
    static final String NANJING_SALES = org.dealerplatform.test.DevTokens.bearer("olga", "JS-OVD-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    OverdueFileCheck check;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @Test
    @DisplayName("CUS-2 REL-4 the overdue check is scheduled (and runs through ExclusiveJobs), not only callable")
    void checkIsScheduled() throws Exception {
        java.lang.reflect.Method scheduled = OverdueFileCheck.class.getMethod("scheduled");
        org.springframework.scheduling.annotation.Scheduled schedule =
                scheduled.getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
        org.assertj.core.api.Assertions.assertThat(schedule).isNotNull();
        org.assertj.core.api.Assertions.assertThat(schedule.fixedDelayString())
                .isEqualTo("${dealer.customer.overdue.check-interval:PT5M}");
    }

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    @Test
    @DisplayName("CUS-2 an incomplete file past visit date + 2 days is listed for its branch and reported exactly once, even when checks run concurrently")
    void overdueReportedOnce() throws Exception {
        String late = api.register(NANJING_SALES, "逾期", CustomerApi.mobile(), null, LocalDate.now().minusDays(5));
        String fresh = api.register(NANJING_SALES, "新客", CustomerApi.mobile(), null, LocalDate.now());

        mvc.perform(get("/api/customers/overdue").param("size", "200").header("Authorization", NANJING_SALES))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", hasItem(late)))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(fresh))));
        mvc.perform(get("/api/customers/overdue").param("size", "200").header("Authorization", HANGZHOU_SALES))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(late))));

        // two instances racing: the version compare-and-set lets only one report each file
        Thread other = new Thread(() -> check.reportAt(Instant.now()));
        other.start();
        check.reportAt(Instant.now());
        other.join();
        check.reportAt(Instant.now());

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> overdue = probe.settle(r -> (late.equals(r.key()) || fresh.equals(r.key()))
                    && TopicProbe.ofType("dealer.customers.CustomerFileOverdue.v1").test(r), Duration.ofSeconds(4));
            assertThat(overdue).hasSize(1);
            assertThat(overdue.get(0).key()).isEqualTo(late);
            String json = TopicProbe.value(overdue.get(0));
            EventContracts.assertConforms("dealer.customers.CustomerFileOverdue.v1", json);
            assertThat(json).contains("\"missing\":[\"address\",\"vehicles\"]");
        }
        mvc.perform(get("/api/customers/" + late).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.overdue").value(true))
                .andExpect(jsonPath("$.overdueReportedAt").isString()); // when the branch was told
        mvc.perform(get("/api/customers/" + fresh).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.overdueReportedAt").value(nullValue()));
    }

    @Test
    @DisplayName("CUS-2 completing an overdue file clears it from the overdue list")
    void completingClears() throws Exception {
        String mobile = CustomerApi.mobile();
        String id = api.register(NANJING_SALES, "补全", mobile, null, LocalDate.now().minusDays(3));
        check.reportAt(Instant.now());
        mvc.perform(put("/api/customers/" + id).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"补全\",\"mobile\":\"" + mobile + "\",\"address\":\"南京市江宁区\"}"))
                .andExpect(status().isOk());
        api.addVehicle(NANJING_SALES, id, CustomerApi.vin(), "PASSENGER_CAR", null);
        mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.complete").value(true))
                .andExpect(jsonPath("$.overdue").value(false));
        mvc.perform(get("/api/customers/overdue").param("size", "200").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(id))));
    }
}
