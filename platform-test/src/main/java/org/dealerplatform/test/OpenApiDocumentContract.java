package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * Every success status (2xx) the module's tests were answered is one the document lists for that operation. Runs
     * after the module's other test classes ({@link DocumentChecksLast}); run alone, it has nothing to compare.
     */
    @Test
    @DisplayName("issue 12 every success status the module's tests were answered (201, 202, 204 …) is documented for its operation")
    public void documentsEverySuccessStatusTheTestsSaw() throws Exception {
        Map<String, Set<Integer>> seen = AnsweredStatuses.seen();
        assumeThat(seen.keySet().stream().anyMatch(op -> !op.startsWith("GET ")))
                .as("run with the module's other tests: they make the answers this test compares").isTrue();
        Map<String, Object> paths = JsonPath.read(OpenApiDocuments.write(mvc, service), "$.paths");
        List<String> undocumented = new ArrayList<>();
        seen.forEach((operation, statuses) -> {
            String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (!(paths.get(path) instanceof Map<?, ?> item) || !(item.get(method) instanceof Map<?, ?> op)
                    || !(op.get("responses") instanceof Map<?, ?> responses)) {
                return; // not in the document (actuator, the documents themselves): DocumentedPathsTest's concern
            }
            statuses.stream().filter(status -> status >= 200 && status < 300)
                    .filter(status -> !responses.containsKey(String.valueOf(status)))
                    .forEach(status -> undocumented.add(operation + " answered " + status + ", documented "
                            + responses.keySet()));
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    @DisplayName("ECO-3 every documented error answer shows a shared RFC 9457 problem example of its status")
    public void errorAnswersShowAProblemExample() throws Exception {
        assertThat(OpenApiDocuments.errorAnswersWithoutExample(OpenApiDocuments.write(mvc, service))).isEmpty();
    }
}
