package org.dealerplatform.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.dealerplatform.local.LocalPlatform;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * UI-1: the console's sign-in and the API's tokens against Keycloak with the repository's realm file
 * ({@code ops/keycloak/dealer-realm.json}), configured as compose configures it. No Docker engine is needed: Keycloak
 * runs from its distribution. A heavy variant, run by a flag (it fetches the 170 MB distribution once):
 * {@code mvn -B -pl acceptance-tests -am verify -Pkeycloak -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * Without the profile it is skipped.
 * <p>
 * The platform here is its own (the local runtime, told Keycloak's issuer and JWKS instead of its dev issuer's), so
 * it never shares the suite's platform.
 */
class KeycloakSignInIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static RunningPlatform platform;
    private static KeycloakProcess keycloak;
    private static String issuer;

    @BeforeAll
    static void start() throws IOException {
        String home = System.getProperty("keycloak.home", "");
        Assumptions.assumeTrue(!home.isBlank() && Files.isExecutable(Path.of(home, "bin/kc.sh")),
                "UI-1 Keycloak sign-in runs with the acceptance-tests profile 'keycloak' (-Pkeycloak), which unpacks "
                        + "Keycloak's distribution");
        Assumptions.assumeTrue(HeadlessChromium.installed(), "UI-1 Keycloak sign-in needs Chromium (.ci/run installs it)");
        Path javaHome = Path.of(System.getProperty("keycloak.java.home", System.getProperty("java.home")));
        int port = KeycloakProcess.freePort();
        issuer = KeycloakProcess.issuer(port);
        String backChannel = KeycloakProcess.backChannel(port);
        Map<String, String> identity = Map.of(
                "DEALER_JWT_ISSUER", issuer,
                "DEALER_JWT_JWK_SET_URI", backChannel + "/protocol/openid-connect/certs");
        LocalPlatform.Options options = LocalPlatform.Options.defaults().dataDir(Files.createTempDirectory("dealer-keycloak"))
                .basePort(0).demoData(false).banner(false)
                // as in compose: the browser is sent to Keycloak's public name, the gateway swaps the code on the back channel
                .env("gateway", Map.of(
                        "DEALER_CONSOLE_AUTHORIZATION_URI", issuer + "/protocol/openid-connect/auth",
                        "DEALER_CONSOLE_TOKEN_URI", backChannel + "/protocol/openid-connect/token"));
        for (String module : new String[] {"gateway", "customer-service", "sales-service", "aftersales-service",
                "notification-service"}) {
            options.env(module, identity);
        }
        platform = LocalPlatform.start(options);
        keycloak = KeycloakProcess.start(Path.of(home), javaHome, repo().resolve("ops/keycloak/dealer-realm.json"), port,
                platform.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ops/keycloak"))) {
            dir = dir.getParent();
        }
        return Objects.requireNonNull(dir, "the repository root (with ops/keycloak) above the working directory");
    }

    @Test
    @DisplayName("UI-1 HQ signs in to the console through Keycloak (code + PKCE S256) and the gateway relays Keycloak's token")
    void hqSignsInThroughKeycloak() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = signIn(chromium, "hq.analyst");
            JsonNode me = fetchJson(browser, "/console/api/me", 200);
            JsonNode claims = claims(keycloak.passwordGrant("hq.analyst"));
            assertThat(me.path("sub").asString()).isEqualTo(claims.path("sub").asString()).isNotBlank();
            assertThat(me.path("roles").toString()).isEqualTo(claims.path("roles").toString()).contains("HQ");
            assertThat(me.path("branchId").isNull()).as("an HQ user has no branch: %s", me).isTrue();
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-screen")).isEqualTo("dashboard");
        }
    }

    @Test
    @DisplayName("UI-1 SEC-1 a Keycloak salesperson is linked to their salesperson id and branch, in the console and on the API")
    void salespersonCarriesTheirLinks() {
        JsonNode claims = claims(keycloak.passwordGrant("nj.sales1"));
        assertThat(claims.path("iss").asString()).as("iss is Keycloak's public name, also on the back channel").isEqualTo(issuer);
        assertThat(claims.path("aud").toString()).contains("dealer-api");
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = signIn(chromium, "nj.sales1");
            JsonNode me = fetchJson(browser, "/console/api/me", 200);
            assertThat(me.path("branchId").asString()).isEqualTo(claims.path("branchId").asString()).isEqualTo("JS-NJ-01");
            assertThat(me.path("salespersonId").asString()).isEqualTo(claims.path("salespersonId").asString())
                    .isEqualTo("sp-js-nj-01-1");
        }
    }

    @Test
    @DisplayName("UI-1 SEC-3 with Keycloak's identities a Nanjing salesperson reads their own branch's file and not Hangzhou's, in the console and on the API")
    void branchesStayApart() {
        String nanjing = keycloak.passwordGrant("nj.sales1");
        String njCustomer = createCustomer(nanjing, "钱南");
        String hzCustomer = createCustomer(keycloak.passwordGrant("hz.sales1"), "孔杭");
        assertThat(get("/api/customers/" + njCustomer, nanjing).statusCode()).isEqualTo(200);
        assertThat(get("/api/customers/" + hzCustomer, nanjing).statusCode()).isEqualTo(404);
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = signIn(chromium, "nj.sales1");
            assertThat(fetchJson(browser, "/console/api/customers/" + njCustomer, 200).path("name").asString()).isEqualTo("钱南");
            fetchJson(browser, "/console/api/customers/" + hzCustomer, 404);
        }
    }

    @Test
    @DisplayName("SEC-2 configured for Keycloak, the platform refuses a token of another issuer (the local dev issuer's)")
    void anotherIssuersTokenIsRefused() {
        String devToken = platform.token("sp-js-nj-01-1", "JS-NJ-01", "SALES");
        assertThat(get("/api/customers?size=1", devToken).statusCode()).isEqualTo(401);
        assertThat(get("/api/customers?size=1", keycloak.passwordGrant("nj.sales1")).statusCode()).isEqualTo(200);
    }

    /** gateway → Keycloak's login page → username and password → back on the console, loaded. */
    private static WebDriver signIn(HeadlessChromium chromium, String username) {
        WebDriver browser = chromium.driver();
        browser.get(platform.gatewayUrl() + "/console/");
        WebElement user = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> browser.findElements(By.id("username")).stream().findFirst().orElse(null), Objects::nonNull);
        assertThat(browser.getCurrentUrl()).as("the browser is at Keycloak's public name, asked for code + PKCE S256")
                .startsWith(issuer + "/protocol/openid-connect/auth").contains("code_challenge_method=S256")
                .contains("client_id=dealer-console");
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(
                () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.getCurrentUrl()).isEqualTo(platform.gatewayUrl() + "/console/");
        return browser;
    }

    /** A same-origin GET from the signed-in page (the session cookie, no token in the browser); checks its status. */
    private static JsonNode fetchJson(WebDriver browser, String path, int status) {
        String answer = String.valueOf(((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { headers: { Accept: 'application/json' } })
                  .then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('0 ' + e));
                """, path));
        assertThat(answer).as(path).startsWith(status + " ");
        String body = answer.substring(answer.indexOf(' ') + 1);
        return body.isBlank() ? PlatformFixture.JSON.nullNode() : PlatformFixture.JSON.readTree(body);
    }

    private static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return PlatformFixture.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static String createCustomer(String token, String name) {
        String mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/customers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"%s","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                        """.formatted(name, mobile, LocalDate.now(SHANGHAI)))).build();
        HttpResponse<String> created = send(request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return PlatformFixture.JSON.readTree(created.body()).path("id").asString();
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
