package org.dealerplatform.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.OpenApiDocuments;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class OpenApiDocumentTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("issue 12 the OpenAPI document is written to target/openapi/aftersales-service.json for the Spectral lint of .ci/run, with the shared error answers and the bearer scheme")
    void writesTheDocument() throws Exception {
        String document = OpenApiDocuments.write(mvc, "aftersales-service");
        assertThat(JsonPath.<String>read(document, "$.openapi")).startsWith("3.");
        assertThat(JsonPath.<java.util.Map<String, Object>>read(document, "$.components.securitySchemes")).containsKey("bearer");
        assertThat(JsonPath.<java.util.Map<String, Object>>read(document, "$.components.schemas")).containsKey("Problem");
    }
}
