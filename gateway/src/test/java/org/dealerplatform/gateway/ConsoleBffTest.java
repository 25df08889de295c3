package org.dealerplatform.gateway;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UI-1: the gateway as the console's backend-for-frontend, beside the unchanged bearer-token API. The full sign-in
 * (dev issuer, code + PKCE, TokenRelay to the services) runs in a real browser in acceptance-tests' ConsoleBrowserIT.
 */
class ConsoleBffTest extends LocalProfileGatewayTest {

    @Test
    @DisplayName("UI-1 the console without a session redirects to the sign-in, which sends the browser to the issuer with PKCE S256")
    void consoleRedirectsToTheIssuer() {
        HttpResponse<String> console = get("/console/");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/dealer-console");

        HttpResponse<String> authorize = get("/oauth2/authorization/dealer-console");

        assertThat(authorize.statusCode()).isEqualTo(302);
        URI issuer = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(issuer.getScheme() + "://" + issuer.getAuthority() + issuer.getPath())
                .as("the local profile's dev issuer").isEqualTo("http://localhost:8088/oauth2/authorize");
        assertThat(issuer.getQuery()).contains("response_type=code", "client_id=dealer-console", "scope=openid",
                "code_challenge_method=S256", "code_challenge=", "state=", "nonce=",
                "redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/dealer-console");
        assertThat(authorize.headers().allValues("Set-Cookie")).as("the pending request is kept in the server-side session")
                .anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    @DisplayName("UI-1 a console API call without a session is a 401 problem, not a redirect, and never reaches the service")
    void consoleApiWithoutSessionIs401() {
        String path = "/console/api/hq/reports/" + UUID.randomUUID();

        HttpResponse<String> response = get(path, "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("problem+json"));
        assertThat(SALES.receivedFor(path.replace("/console", ""))).isEmpty();
    }

    @Test
    @DisplayName("UI-1 a cookie call that changes state is refused (403) without the CSRF header, and passes CSRF with the cookie echoed in X-XSRF-TOKEN")
    void csrfRequiredOnCookieCalls() {
        String path = "/console/api/sales/sales";
        String csrf = UUID.randomUUID().toString();

        HttpResponse<String> noHeader = send("POST", path, "{}", "Cookie", "XSRF-TOKEN=" + csrf);
        HttpResponse<String> wrongHeader = send("POST", path, "{}", "Cookie", "XSRF-TOKEN=" + csrf,
                "X-XSRF-TOKEN", UUID.randomUUID().toString());
        HttpResponse<String> echoed = send("POST", path, "{}", "Cookie", "XSRF-TOKEN=" + csrf, "X-XSRF-TOKEN", csrf);

        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(wrongHeader.statusCode()).isEqualTo(403);
        assertThat(echoed.statusCode()).as("past CSRF, stopped for want of a session").isEqualTo(401);
        assertThat(SALES.receivedFor("/api/sales/sales")).isEmpty();
    }

    @Test
    @DisplayName("UI-1 GW-2 bearer calls to /api/** are unchanged: no session, no CSRF token, the token forwarded as sent")
    void bearerApiUnchanged() {
        String path = "/api/sales/" + UUID.randomUUID();
        String jwt = TestTokens.sales(TestTokens.LOCAL, "alice");

        HttpResponse<String> response = send("POST", path, "{}", "Authorization", bearer(jwt));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).as("stateless").isEmpty();
        assertThat(SALES.single(path).header("Authorization")).isEqualTo("Bearer " + jwt);
        assertThat(get("/api/sales/" + UUID.randomUUID()).statusCode()).as("still no anonymous access").isEqualTo(401);
    }

    @Test
    @DisplayName("UI-1 the console's chart library is served from its webjar at the path the page names")
    void echartsServed() {
        HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js");

        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts");
    }

    @Test
    @DisplayName("GW-3 issue 13 a small body the gateway refuses unread (CSRF 403) closes the connection; a forwarded body, no body or a large refused body keep it open")
    void unreadBodyClosesTheConnection() {
        String csrf = UUID.randomUUID().toString();

        HttpResponse<String> refused = send("POST", "/console/api/sales/sales", "{\"vin\":\"LSVAA4180E2123456\"}",
                "Cookie", "XSRF-TOKEN=" + csrf);
        HttpResponse<String> forwarded = send("POST", "/api/sales/" + UUID.randomUUID(), "{}",
                "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice")));
        HttpResponse<String> bodiless = get("/console/api/hq/reports/" + UUID.randomUUID(), "Accept", "application/json");
        HttpResponse<String> tooLarge = send("POST", "/api/customers", "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}",
                "Authorization", bearer(TestTokens.sales(TestTokens.LOCAL, "alice")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(forwarded.headers().firstValue("Connection")).isEmpty();
        assertThat(bodiless.statusCode()).isEqualTo(401);
        assertThat(bodiless.headers().firstValue("Connection")).isEmpty();
        assertThat(tooLarge.statusCode()).as("a large body may still be on its way: read and dropped, not cut off")
                .isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Connection")).isEmpty();
    }
}
