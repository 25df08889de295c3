package org.dealerplatform.test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.web.servlet.MockMvc;

/**
 * Writes a service's OpenAPI document, as the running application serves it at {@code /v3/api-docs}, to
 * {@code target/openapi/<service>.json} of the module under test: the file {@code .ci/run} lints with Spectral
 * (issue 12).
 */
public final class OpenApiDocuments {

    private OpenApiDocuments() {
    }

    /** Reads {@code /v3/api-docs} behind {@code mvc}, writes it for the lint and answers it. */
    public static String write(MockMvc mvc, String service) throws Exception {
        var response = mvc.perform(get("/v3/api-docs").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse();
        if (response.getStatus() != 200) {
            throw new AssertionError("/v3/api-docs answered " + response.getStatus());
        }
        String document = response.getContentAsString(StandardCharsets.UTF_8);
        Path file = Path.of("target", "openapi", service + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, document, StandardCharsets.UTF_8);
        return document;
    }

    /**
     * ECO-3: the error answers of a document that show no RFC 9457 example: every {@code application/problem+json}
     * answer (4xx, 5xx) must refer to a shared example in {@code components.examples} whose status is the answer's.
     * Answers {@code "<path> <method> <status>: <why>"}; empty when all have one. Also fails on a document without any.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> errorAnswersWithoutExample(String document) {
        java.util.Map<String, Object> root = com.jayway.jsonpath.JsonPath.read(document, "$");
        java.util.Map<String, Object> components = (java.util.Map<String, Object>) root.getOrDefault("components", java.util.Map.of());
        java.util.Map<String, Object> examples = (java.util.Map<String, Object>) components.getOrDefault("examples", java.util.Map.of());
        java.util.List<String> missing = new java.util.ArrayList<>();
        int answers = 0;
        java.util.Map<String, Object> paths = (java.util.Map<String, Object>) root.getOrDefault("paths", java.util.Map.of());
        for (var path : paths.entrySet()) {
            for (var operation : ((java.util.Map<String, Object>) path.getValue()).entrySet()) {
                if (!(operation.getValue() instanceof java.util.Map<?, ?> op) || !(op.get("responses") instanceof java.util.Map<?, ?> responses)) {
                    continue;
                }
                for (var response : ((java.util.Map<String, Object>) responses).entrySet()) {
                    String status = response.getKey();
                    if (!(status.startsWith("4") || status.startsWith("5"))
                            || !(response.getValue() instanceof java.util.Map<?, ?> answer)
                            || !(answer.get("content") instanceof java.util.Map<?, ?> content)
                            || !(content.get("application/problem+json") instanceof java.util.Map<?, ?> media)) {
                        continue;
                    }
                    answers++;
                    String where = path.getKey() + " " + operation.getKey() + " " + status + ": ";
                    Object example = media.get("examples") instanceof java.util.Map<?, ?> named ? named.get("problem") : null;
                    String ref = example instanceof java.util.Map<?, ?> e ? String.valueOf(e.get("$ref")) : null;
                    String name = ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
                    if (name == null || !(examples.get(name) instanceof java.util.Map<?, ?> shared)) {
                        missing.add(where + "no shared problem example (" + ref + ")");
                    } else if (!(shared.get("value") instanceof java.util.Map<?, ?> value)
                            || !String.valueOf(value.get("status")).equals(status)) {
                        missing.add(where + name + " is not an example of status " + status);
                    }
                }
            }
        }
        if (answers == 0) {
            missing.add("the document has no problem answer at all");
        }
        return missing;
    }
}
