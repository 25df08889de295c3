package org.dealerplatform.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dealerplatform.test.DocumentedRequests;
import org.dealerplatform.test.DocumentedRequests.Request;
import org.dealerplatform.test.HandlerParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.method.HandlerMethod;
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
 * path matched by a route's predicates) or answers itself (fallback, actuator) with the query parameters
 * its handler reads, checked against the live route table and handler mappings of the cached local-profile context
 * (issue 14). The services check the paths they serve behind the routes.
 */
class DocumentedPathsTest extends LocalProfileGatewayTest {

    private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Autowired
    RouteLocator routes;

    @Autowired
    ApplicationContext context;

    @Autowired
    SwaggerUiConfigProperties swaggerUi;

    /** Where springdoc serves the Swagger UI's files ({@code springdoc.swagger-ui.path}'s folder). */
    private static final String SWAGGER_UI = "/docs/swagger-ui/";

    @Test
    @DisplayName("GW-1 every path the README and the canvases send to the gateway is routed or answered by it")
    void everyDocumentedPathIsRoutedOrAnswered() {
        List<Request> documented = DocumentedRequests.forGateway();

        assertThat(documented).hasSizeGreaterThan(20);
        assertThat(problems(documented)).isEmpty();
    }

    @Test
    @DisplayName("GW-1 a documented path that no route matches is reported, e.g. /docs/<service name> instead of /docs/customers")
    void aPathWithoutARouteIsReported() {
        Request serviceName = new Request("README.md", 1, null, "/docs/customer-service");
        Request typo = new Request("README.md", 2, "GET", "/dev/tokens");
        Request parameter = new Request("README.md", 3, "GET", "/fallback/sales-service", List.of("role"));
        Request routed = new Request("README.md", 4, null, "/docs/customers");
        Request apiPage = new Request("README.md", 5, "GET", "/docs/index.html");
        Request asyncApi = new Request("README.md", 6, "GET", "/docs/asyncapi.yaml");
        Request noFile = new Request("README.md", 7, "GET", "/docs/asyncapi.json");
        Request uiFile = new Request("README.md", 8, "GET", "/docs/swagger-ui/index.html");
        Request noUiFile = new Request("README.md", 9, "GET", "/docs/swagger-ui/nothing.html");

        assertThat(problems(List.of(serviceName, typo, parameter, routed, apiPage, asyncApi, noFile, uiFile, noUiFile)))
                .containsExactly(serviceName + ": no route and no handler", typo + ": no route and no handler",
                        parameter + ": the handler reads no [role]", noFile + ": no route and no handler",
                        noUiFile + ": no route and no handler");
    }

    private List<String> problems(List<Request> requests) {
        List<String> problems = new ArrayList<>();
        for (Request request : requests) {
            List<String> methods = request.method() == null ? ANY_METHOD : List.of(request.method());
            if (request.path().startsWith("/api/") || request.path().startsWith("/docs/")) {
                // ECO-3: under /docs the gateway also answers itself: the API page (springdoc's handlers and the
                // Swagger UI's files) and the AsyncAPI document
                if (methods.stream().noneMatch(method -> routed(method, request))
                        && !(request.path().startsWith("/docs/") && answersItself(methods, request))) {
                    problems.add(request + ": no route and no handler");
                }
                continue;
            }
            Optional<Handler> handler = methods.stream().map(method -> handler(method, request))
                    .flatMap(Optional::stream).findFirst();
            if (handler.isEmpty()) {
                problems.add(request + ": no route and no handler");
            } else if (handler.get().method() != null) {
                List<String> unread = HandlerParameters.unread(handler.get().method().getMethod(), request.parameters());
                if (!unread.isEmpty()) {
                    problems.add(request + ": the handler reads no " + unread);
                }
            }
        }
        return problems;
    }

    private boolean routed(String method, Request request) {
        return Boolean.TRUE.equals(routes.getRoutes()
                .filterWhen(route -> Flux.from(route.getPredicate().apply(exchange(method, request))).next())
                .hasElements()
                .block());
    }

    /**
     * The gateway answers this path itself (no route needed): one of its handlers (springdoc's page and configuration,
     * the AsyncAPI document), or a file of the Swagger UI webjar that springdoc serves under {@value #SWAGGER_UI}.
     */
    private boolean answersItself(List<String> methods, Request request) {
        if (methods.stream().anyMatch(method -> handler(method, request).isPresent())) {
            return true;
        }
        String path = request.concretePath();
        return path.startsWith(SWAGGER_UI) && new ClassPathResource("META-INF/resources/webjars/swagger-ui/"
                + swaggerUi.getVersion() + "/" + path.substring(SWAGGER_UI.length())).exists();
    }

    /** The gateway's own handler; its method is null when the mapping does not tell it. */
    private record Handler(HandlerMethod method) {
    }

    private Optional<Handler> handler(String method, Request request) {
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            try {
                Object handler = mapping.getHandler(exchange(method, request)).block();
                if (handler != null) {
                    return Optional.of(new Handler(handler instanceof HandlerMethod m ? m : null));
                }
            } catch (MethodNotAllowedException otherMethodOnly) {
                // the path exists, but not with this method: keep looking
            } catch (UnsupportedMediaTypeStatusException | NotAcceptableStatusException
                    | ServerWebInputException handlerFoundButRefuses) {
                return Optional.of(new Handler(null));
            }
        }
        return Optional.empty();
    }

    private static ServerWebExchange exchange(String method, Request request) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method),
                URI.create(request.concretePath())));
    }
}
