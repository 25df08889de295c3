package org.dealerplatform.gateway;

import java.net.URI;
import java.util.Collection;
import java.util.List;

import org.dealerplatform.test.DocumentedRequests;
import org.dealerplatform.test.DocumentedRequests.Request;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the README and the canvases send to the gateway is one it routes (an {@code /api} or {@code /docs}
 * path matched by a route's predicates) or answers itself (dev token, fallback, actuator), checked against the live
 * route table and handler mappings of the cached local-profile context (issue 14). The services check the rest.
 */
class DocumentedPathsTest extends LocalProfileGatewayTest {

    private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Autowired
    RouteLocator routes;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("GW-1 every path the README and the canvases send to the gateway is routed or answered by it")
    void everyDocumentedPathIsRoutedOrAnswered() {
        List<Request> documented = DocumentedRequests.forGateway();

        assertThat(documented).hasSizeGreaterThan(20);
        assertThat(documented).filteredOn(request -> !servedByGateway(request)).isEmpty();
    }

    @Test
    @DisplayName("GW-1 a documented path that no route matches is reported, e.g. /docs/<service name> instead of /docs/customers")
    void aPathWithoutARouteIsReported() {
        assertThat(servedByGateway(new Request("README.md", 1, null, "/docs/customer-service"))).isFalse();
        assertThat(servedByGateway(new Request("README.md", 1, "GET", "/dev/tokens"))).isFalse();
        assertThat(servedByGateway(new Request("README.md", 1, null, "/docs/customers"))).isTrue();
    }

    private boolean servedByGateway(Request request) {
        List<String> methods = request.method() == null ? ANY_METHOD : List.of(request.method());
        boolean routable = request.path().startsWith("/api/") || request.path().startsWith("/docs/");
        return methods.stream().anyMatch(method -> routable ? routed(method, request) : answered(method, request));
    }

    private boolean routed(String method, Request request) {
        return Boolean.TRUE.equals(routes.getRoutes()
                .filterWhen(route -> Flux.from(route.getPredicate().apply(exchange(method, request))).next())
                .hasElements()
                .block());
    }

    private boolean answered(String method, Request request) {
        Collection<RequestMappingInfoHandlerMapping> mappings =
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            try {
                if (mapping.getHandler(exchange(method, request)).block() != null) {
                    return true;
                }
            } catch (MethodNotAllowedException otherMethodOnly) {
                // the path exists, but not with this method: keep looking
            } catch (UnsupportedMediaTypeStatusException | NotAcceptableStatusException
                    | ServerWebInputException handlerFoundButRefuses) {
                return true;
            }
        }
        return false;
    }

    private static ServerWebExchange exchange(String method, Request request) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method),
                URI.create(request.concretePath())));
    }
}
