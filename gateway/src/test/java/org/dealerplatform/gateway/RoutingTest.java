package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RoutingTest extends LocalProfileGatewayTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    static Stream<Arguments> routes() {
        Supplier<String> sales = () -> TestTokens.sales(TestTokens.LOCAL, "alice");
        Supplier<String> hq = () -> TestTokens.hq(TestTokens.LOCAL, "hannah");
        return Stream.of(
                arguments("/api/customers/", CUSTOMERS, sales),
                arguments("/api/sales/", SALES, sales),
                arguments("/api/hq/reports/", SALES, hq),
                arguments("/api/aftersales/", AFTERSALES, sales));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @DisplayName("GW-1 OBS-1 each API prefix reaches its service with Authorization and X-Correlation-Id unchanged, and a traceparent continuing the caller's trace")
    void routesToTheRightServiceWithHeaders(String prefix, UpstreamStub service, Supplier<String> token) {
        String path = prefix + UUID.randomUUID();
        String jwt = token.get();

        HttpResponse<String> response = get(path, "Authorization", bearer(jwt),
                "X-Correlation-Id", "corr-" + path.hashCode(), "traceparent", TRACEPARENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("path").asString()).isEqualTo(path);
        UpstreamStub.Received forwarded = service.single(path);
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + jwt);
        assertThat(forwarded.header("X-Correlation-Id")).isEqualTo("corr-" + path.hashCode());
        // the gateway's own span (Micrometer Tracing) in the caller's trace: same trace id, a new parent id
        assertThat(forwarded.header("traceparent")).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(TRACEPARENT);
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-" + path.hashCode());
    }

    @Test
    @DisplayName("GW-3 a request without correlation headers gets a new correlation id and traceparent, echoed back")
    void createsCorrelationIdAndTraceparent() {
        String path = "/api/customers/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL,
                "alice")));

        assertThat(response.statusCode()).isEqualTo(200);
        UpstreamStub.Received forwarded = CUSTOMERS.single(path);
        String correlationId = forwarded.header("X-Correlation-Id");
        assertThat(UUID.fromString(correlationId)).isNotNull();
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
        assertThat(forwarded.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    @DisplayName("GW-3 a malformed traceparent and an unsafe correlation id are replaced, not forwarded")
    void replacesMalformedCorrelationHeaders() {
        String path = "/api/sales/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL,
                "alice")), "X-Correlation-Id", "not a safe id; <script>", "traceparent",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).isEqualTo(200);
        UpstreamStub.Received forwarded = SALES.single(path);
        assertThat(UUID.fromString(forwarded.header("X-Correlation-Id"))).isNotNull();
        assertThat(forwarded.header("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain("00000000000000000000000000000000");
    }

    @Test
    @DisplayName("GW-1 /docs/<service> serves that service's /v3/api-docs without a token")
    void docsRoutesRewriteToOpenApi() {
        HttpResponse<String> customers = get("/docs/customers");
        HttpResponse<String> salesConfig = get("/docs/sales/swagger-config");

        assertThat(customers.statusCode()).isEqualTo(200);
        assertThat(json(customers).path("info").path("title").asString()).isEqualTo("customer-service");
        assertThat(CUSTOMERS.receivedFor("/v3/api-docs")).isNotEmpty();
        assertThat(salesConfig.statusCode()).isEqualTo(200);
        assertThat(SALES.receivedFor("/v3/api-docs/swagger-config")).isNotEmpty();
    }

    @Test
    @DisplayName("GW-3 REL-7 a POST is forwarded once with its body and Idempotency-Key, and a service's own error is passed through, not retried")
    void postIsForwardedOnceAndNotRetried() {
        String path = "/api/sales/orders-" + UUID.randomUUID();

        HttpResponse<String> response = send("POST", path + "?status=503", "{\"vin\":\"WVW123\"}",
                "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice")),
                "Idempotency-Key", "8e03978e-40d5-43e8-bc93-6894a57f9324");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("service").asString()).isEqualTo("sales-service"); // the service's body
        UpstreamStub.Received forwarded = SALES.single(path);
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.body()).isEqualTo("{\"vin\":\"WVW123\"}");
        // only the client retries, with its key: the service answers a retry as the first request (REL-7)
        assertThat(forwarded.header("Idempotency-Key")).isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    }

    @Autowired
    GatewayProperties gateway;

    @Test
    @DisplayName("REL-7 no route and no default filter retries a request: a retried POST could record a sale twice")
    void noRouteRetries() {
        assertThat(gateway.getRoutes()).isNotEmpty();
        assertThat(gateway.getDefaultFilters()).extracting(FilterDefinition::getName).doesNotContain("Retry");
        gateway.getRoutes().forEach(route -> assertThat(route.getFilters()).as(route.getId())
                .extracting(FilterDefinition::getName).doesNotContain("Retry"));
    }

    @Autowired
    MeterRegistry meters;

    @Test
    @DisplayName("issue 10 OBS-1 a proxied request is observed as the trace needs it, server and client span, and by nothing else: no Spring Security observations, no second gateway timer")
    void proxiedRequestIsObservedOnlyAsTheTraceNeeds() {
        String path = "/api/customers/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.find("http.client.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."))
                .doesNotContain("spring.cloud.gateway.requests");
    }
}
