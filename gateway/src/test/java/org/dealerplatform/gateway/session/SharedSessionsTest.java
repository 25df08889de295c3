package org.dealerplatform.gateway.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.dealerplatform.gateway.GatewayApplication;
import org.dealerplatform.test.EmbeddedMongo;
import org.dealerplatform.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UI-1: two gateway instances over one session database are interchangeable: the sign-in started through instance A
 * (its pending authorization request in the session) is found by instance B, through B's own session handling.
 */
class SharedSessionsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        String uri = EmbeddedMongo.uri("gateway-shared-" + UUID.randomUUID());
        a = gateway(uri);
        b = gateway(uri);
    }

    private static ConfigurableApplicationContext gateway(String mongoUri) {
        return new SpringApplicationBuilder(GatewayApplication.class, TestIssuer.class).profiles("local")
                .run("--server.port=0", "--dealer.gateway.sessions.mongo-uri=" + mongoUri);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    @DisplayName("UI-1 a SESSION cookie from instance A (pending sign-in) is a live session on instance B; cookie HttpOnly, SameSite=Lax")
    void sessionCreatedOnAIsFoundOnB() throws Exception {
        int portA = a.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpResponse<Void> authorize = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + portA + "/oauth2/authorization/dealer-console")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(authorize.statusCode()).isEqualTo(302);
        String state = java.util.Arrays.stream(URI.create(authorize.headers().firstValue("Location").orElseThrow())
                .getQuery().split("&")).filter(p -> p.startsWith("state=")).findFirst().orElseThrow().substring(6);
        String cookie = authorize.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String sessionId = cookie.substring("SESSION=".length(), cookie.indexOf(';'));

        MockServerWebExchange onB = MockServerWebExchange.from(MockServerHttpRequest.get("/login/oauth2/code/dealer-console")
                .cookie(new org.springframework.http.HttpCookie("SESSION", sessionId)));
        WebSession session = b.getBean(WebSessionManager.class).getSession(onB).block();

        assertThat(session.isStarted()).as("an existing session, not a new one").isTrue();
        assertThat(session.getId()).isEqualTo(sessionId);
        assertThat(session.getAttributes().values()).anySatisfy(value -> assertThat(value)
                .isInstanceOfSatisfying(OAuth2AuthorizationRequest.class,
                        request -> assertThat(request.getState()).isEqualTo(state)));
        assertThat(b.getBean(MongoSessionRepository.class).findById(sessionId).block()).isNotNull();
    }
}
