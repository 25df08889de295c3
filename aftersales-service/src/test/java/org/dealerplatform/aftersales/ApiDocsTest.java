package org.dealerplatform.aftersales;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ApiDocsTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("the OpenAPI document lists every endpoint family with its examples, with a MONITORING token")
    void openApi() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/aftersales/work-orders")))
                .andExpect(content().string(containsString("/api/aftersales/vehicles/{vin}/mileage")))
                .andExpect(content().string(containsString("/api/aftersales/reminders/sweep")))
                .andExpect(content().string(containsString("/api/aftersales/follow-up-calls/{id}/completion")))
                .andExpect(content().string(containsString("/api/aftersales/campaigns/{id}/launch")))
                .andExpect(content().string(containsString("/api/aftersales/kpis")))
                .andExpect(content().string(containsString("tech-chen")));
    }

    @Test
    @DisplayName("REL-7 the OpenAPI document shows the optional Idempotency-Key header on the creating POSTs, and no key internals")
    void idempotencyKeyHeader() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath(
                        "$.paths['/api/aftersales/work-orders'].post.parameters[?(@.name == 'Idempotency-Key')].in")
                        .value(org.hamcrest.Matchers.contains("header")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath(
                        "$.paths['/api/aftersales/campaigns/{id}/launch'].post.parameters[*].name")
                        .value(org.hamcrest.Matchers.hasItem("Idempotency-Key")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath(
                        "$.paths['/api/aftersales/work-orders'].post.parameters[*].name")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("fingerprint"))));
    }
}
