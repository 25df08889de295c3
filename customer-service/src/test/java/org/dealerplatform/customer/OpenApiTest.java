package org.dealerplatform.customer;

import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class OpenApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("REL-7 the OpenAPI document describes every endpoint family, with request examples and the Idempotency-Key header, with a MONITORING token")
    void openApi() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths", hasKey("/api/customers")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/vehicles")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/vehicles/{vin}/transfer")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/merge")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/contact-preferences")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/classification")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/{id}/360")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/overdue")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/import")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/import-jobs/{id}")))
                .andExpect(jsonPath("$.paths", hasKey("/api/customers/export")))
                .andExpect(jsonPath("$.paths['/api/customers'].post.requestBody.content['application/json'].examples.individual.value").exists())
                // REL-7: the optional Idempotency-Key header, and none of the key's internals as parameters
                .andExpect(jsonPath("$.paths['/api/customers'].post.parameters[?(@.name == 'Idempotency-Key')].in")
                        .value(org.hamcrest.Matchers.contains("header")))
                .andExpect(jsonPath("$.paths['/api/customers/{id}/merge'].post.parameters[*].name")
                        .value(org.hamcrest.Matchers.hasItem("Idempotency-Key")))
                .andExpect(jsonPath("$.paths['/api/customers'].post.parameters[*].name")
                        .value(org.hamcrest.Matchers.contains("Idempotency-Key")));
    }
}
