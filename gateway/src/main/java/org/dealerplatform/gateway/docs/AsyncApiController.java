package org.dealerplatform.gateway.docs;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * ECO-3: the AsyncAPI document of the events, {@code docs/asyncapi.yaml} of the repository (generated from the
 * contracts), packed into the jar at build time. Served as {@code application/yaml} in UTF-8: as a plain static file
 * it would go out as {@code application/octet-stream} (WebFlux knows no YAML type) and a browser would only download it.
 */
@RestController
public class AsyncApiController {

    /** Where the document is answered. */
    public static final String PATH = "/docs/asyncapi.yaml";
    /** RFC 9512's media type for YAML. */
    public static final MediaType YAML = new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8);

    private final Resource document = new ClassPathResource("static/docs/asyncapi.yaml");

    @GetMapping(path = PATH)
    public ResponseEntity<Resource> asyncApi() {
        if (!document.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "this build of the gateway has no AsyncAPI document");
        }
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
