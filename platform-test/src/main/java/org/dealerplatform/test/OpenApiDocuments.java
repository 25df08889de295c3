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
}
