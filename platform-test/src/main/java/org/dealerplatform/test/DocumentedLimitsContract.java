package org.dealerplatform.test;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, one test for every service: what the OpenAPI document promises about a request field is what the service
 * enforces. The test reads the field's {@code maxLength} from {@code /v3/api-docs}, posts one character more and expects
 * a 400 problem with that field's error. A service's {@code DocumentedLimitsTest} names the field and the request.
 */
public abstract class DocumentedLimitsContract {

    @Autowired
    protected MockMvc mvc;

    private final Limit limit;

    private record Limit(String schema, String field, char filler, String path, String authorization,
            String bodyTemplate) {
    }

    /**
     * @param schema        the request body's schema in {@code components.schemas}
     * @param field         the string field with a {@code maxLength}
     * @param filler        the character the too-long value is made of (one the field's pattern, if any, accepts)
     * @param path          where the request is posted
     * @param authorization the {@code Authorization} header of a caller allowed to post it
     * @param bodyTemplate  the JSON body with {@code %s} where the too-long value goes
     */
    protected DocumentedLimitsContract(String schema, String field, char filler, String path, String authorization,
            String bodyTemplate) {
        this.limit = new Limit(schema, field, filler, path, authorization, bodyTemplate);
    }

    @Test
    @DisplayName("issue 12 a request field one character over the maxLength the OpenAPI document gives it is a 400 problem with the field error")
    public void tooLongIsRefused() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse().getContentAsString();
        int maxLength = JsonPath.<Integer>read(document, "$.components.schemas." + limit.schema() + ".properties."
                + limit.field() + ".maxLength");
        String tooLong = String.valueOf(limit.filler()).repeat(maxLength + 1);
        mvc.perform(post(limit.path()).header("Authorization", limit.authorization())
                        .contentType(MediaType.APPLICATION_JSON).content(limit.bodyTemplate().formatted(tooLong)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == '" + limit.field() + "')].message")
                        .value(hasItem("size must be between 0 and " + maxLength)));
    }
}
