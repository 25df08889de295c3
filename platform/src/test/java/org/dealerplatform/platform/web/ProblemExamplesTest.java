package org.dealerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.OpenApiDocuments;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** ECO-3: the shared problem examples of {@link ApiDocumentOpenApi}, in the platform's test service's document. */
@ServiceTest
class ProblemExamplesTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("ECO-3 every error answer of the document refers to the shared RFC 9457 example of its status; a 400's lists field errors")
    void everyErrorAnswerHasAProblemExample() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(OpenApiDocuments.errorAnswersWithoutExample(document)).isEmpty();
        assertThat(JsonPath.<String>read(document, "$.paths['/tickets'].post.responses['400'].content['application/problem+json'].examples.problem.$ref"))
                .isEqualTo("#/components/examples/Problem400");
        assertThat(JsonPath.<Object>read(document, "$.components.examples.Problem400.value.errors[0].field")).isEqualTo("mobile");
        assertThat(JsonPath.<Integer>read(document, "$.components.examples.Problem404.value.status")).isEqualTo(404);
    }
}
