package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, one test for every service: the OpenAPI document the service serves is written to
 * {@code target/openapi/<service>.json} for the Spectral lint of {@code .ci/run}, with the shared error answers and the
 * bearer scheme. A service's {@code OpenApiDocumentTest} extends this with its {@link ServiceTest} context and name.
 */
public abstract class OpenApiDocumentContract {

    @Autowired
    protected MockMvc mvc;

    private final String service;

    protected OpenApiDocumentContract(String service) {
        this.service = service;
    }

    @Test
    @DisplayName("issue 12 the OpenAPI document is written to target/openapi/<service>.json for the Spectral lint of .ci/run, with the shared error answers and the bearer scheme")
    public void writesTheDocument() throws Exception {
        String document = OpenApiDocuments.write(mvc, service);
        assertThat(JsonPath.<String>read(document, "$.openapi")).startsWith("3.");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.components.securitySchemes")).containsKey("bearer");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.components.schemas")).containsKey("Problem");
    }

    @Test
    @DisplayName("ECO-3 every documented error answer shows a shared RFC 9457 problem example of its status")
    public void errorAnswersShowAProblemExample() throws Exception {
        assertThat(OpenApiDocuments.errorAnswersWithoutExample(OpenApiDocuments.write(mvc, service))).isEmpty();
    }
}
