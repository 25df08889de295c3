package org.dealerplatform.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECO-3: one Swagger UI page at the gateway listing the four services' documents as the gateway routes them, and the
 * events' AsyncAPI document next to it (profile {@code local}: anonymous, SEC-6).
 */
class ApiPageTest extends LocalProfileGatewayTest {

    /** What the page must list: each service's document, by the path the gateway routes to it. */
    static final Map<String, String> DOCUMENTS = new LinkedHashMap<>(Map.of(
            "customer-service", "/docs/customers",
            "sales-service", "/docs/sales",
            "aftersales-service", "/docs/aftersales",
            "notification-service", "/docs/notifications"));

    @Test
    @DisplayName("ECO-3 /docs/index.html leads to the Swagger UI page, which reads its configuration from under /docs")
    void servesTheSwaggerUiPage() {
        HttpResponse<String> entry = get("/docs/index.html");
        assertThat(entry.statusCode()).isEqualTo(302);
        String location = entry.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/docs/swagger-ui/index.html");

        HttpResponse<String> page = get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");
        assertThat(get("/docs/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);

        HttpResponse<String> initializer = get("/docs/swagger-ui/swagger-initializer.js");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("\"configUrl\" : \"/docs/api-docs/swagger-config\"")
                .doesNotContain("petstore.swagger.io");
    }

    @Test
    @DisplayName("ECO-3 the page's configuration lists exactly the four services' documents, each answered through the gateway")
    void configurationListsTheFourDocuments() {
        HttpResponse<String> config = get("/docs/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode json = json(config);

        Map<String, String> listed = new LinkedHashMap<>();
        json.path("urls").forEach(url -> listed.put(url.path("name").asString(), url.path("url").asString()));
        assertThat(listed).containsExactlyInAnyOrderEntriesOf(DOCUMENTS);
        assertThat(json.path("urls.primaryName").asString()).isEqualTo("customer-service");
        assertThat(json.has("url")).as("the gateway's own document is not listed").isFalse();
        assertThat(json.path("persistAuthorization").asBoolean()).isTrue();

        // the three running stubs answer their document through the docs-* routes; notification-service is down here
        for (String service : new String[] {"customer-service", "sales-service", "aftersales-service"}) {
            HttpResponse<String> document = get(DOCUMENTS.get(service));
            assertThat(document.statusCode()).as(service).isEqualTo(200);
            assertThat(json(document).path("info").path("title").asString()).isEqualTo(service);
        }
        assertProblem(get(DOCUMENTS.get("notification-service")), 503, "service-unavailable",
                DOCUMENTS.get("notification-service"));
    }

    @Test
    @DisplayName("ECO-3 the events' AsyncAPI document is served at /docs/asyncapi.yaml, the one committed in docs/")
    void servesTheAsyncApiDocument() throws IOException {
        HttpResponse<String> asyncApi = get("/docs/asyncapi.yaml");

        assertThat(asyncApi.statusCode()).isEqualTo(200);
        assertThat(asyncApi.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(asyncApi.body()).contains("asyncapi: \"3.0.0\"", "customers.customer.events")
                .isEqualTo(Files.readString(Path.of("..", "docs", "asyncapi.yaml"), StandardCharsets.UTF_8));
    }
}
