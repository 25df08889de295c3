package org.dealerplatform.aftersales;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12: what the OpenAPI document promises about a request field is what the service enforces. */
@ServiceTest
class DocumentedLimitsTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("issue 12 RecordWorkOrder.vin one character over the maxLength the OpenAPI document gives it is a 400 problem with the field error")
    void tooLongIsRefused() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse().getContentAsString();
        int maxLength = JsonPath.<Integer>read(document, "$.components.schemas.RecordWorkOrder.properties.vin.maxLength");
        String tooLong = "A".repeat(maxLength + 1);
        mvc.perform(post("/api/aftersales/work-orders").header("Authorization", DevTokens.bearer("sam", "JS-NJ-01", "SERVICE_ADVISOR"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"vin\":\"" + tooLong + "\",\"jobType\":\"MAINTENANCE\",\"serviceDate\":\"2026-11-20\",\"mileageKm\":1000,\"items\":[\"oil\"],\"partsFen\":0,\"labourFen\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'vin')].message")
                        .value(hasItem("size must be between 0 and " + maxLength)));
    }
}
