package org.dealerplatform.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.acceptance.PlatformFixture.get;
import static org.dealerplatform.acceptance.PlatformFixture.json;
import static org.dealerplatform.acceptance.PlatformFixture.post;
import static org.dealerplatform.acceptance.PlatformFixture.put;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * UI-7: the console in a real browser (Debian's headless Chromium through the pinned {@code /usr/bin/chromedriver}),
 * on the acceptance suite's platform as the README starts it. Sign-in is the real flow: the gateway sends the browser
 * to the dev issuer, the demo user is picked on its page, the code comes back and is exchanged with PKCE. The figures
 * on screen are compared with the API's to the fen; screenshots go to {@code docs/console/}. It runs after the other
 * classes on the shared platform but OwaspMatrixIT ({@code junit-platform.properties}): its sales would change the
 * exact totals that DealershipYearIT checks, while its own checks compare with the API at the time of asking.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE - 1)
class ConsoleBrowserIT {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String NJ = "JS-NJ-01";
    private static final String HZ = "ZJ-HZ-01";
    private static final String SP_NJ = "sp-js-nj-01-1";
    private static final String SP_HZ = "sp-zj-hz-01-1";

    private static RunningPlatform platform;
    private static WebDriver browser;
    private static Path profile;
    private static String hq;
    private static String njCustomer;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "UI-7 browser tests skipped: no Chromium here (install the Debian packages chromium and chromium-driver; "
                        + ".ci/run does)");
        platform = PlatformFixture.platform();
        hq = platform.token("boss", null, "HQ");
        njCustomer = seedBranch(NJ, SP_NJ, 12_345_678L);
        seedBranch(HZ, SP_HZ, 23_456_789L);

        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--user-data-dir=" + profile, "--window-size=1400,1300", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A salesperson, a customer and one sale of today in {@code branch}; returns the customer id. */
    private static String seedBranch(String branch, String salesperson, long fen) {
        String manager = platform.token("manager-" + branch, branch, "BRANCH_MANAGER");
        assertThat(put("/api/sales/salespeople/" + salesperson, manager, "{\"name\":\"李强\"}").statusCode()).isEqualTo(200);
        String sales = platform.token(salesperson, branch, "SALES");
        String mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        HttpResponse<String> created = post("/api/customers", sales, """
                {"name":"孙丽","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                """.formatted(mobile, today()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String customer = json(created).path("id").asString();
        recordSale(branch, salesperson, customer, fen);
        return customer;
    }

    /** Records a sale through the API, waiting for the customer to have reached sales-service's replica. */
    private static void recordSale(String branch, String salesperson, String customer, long fen) {
        String sales = platform.token(salesperson, branch, "SALES");
        String body = """
                {"customerId":"%s","salespeople":[{"salespersonId":"%s","sharePercent":100}],
                 "vehicle":{"vin":"%s","model":"Passat 330TSI","category":"PASSENGER_CAR"},
                 "segment":"INDIVIDUAL","amountFen":%d,"saleDate":"%s"}""".formatted(customer, salesperson,
                DealershipYearIT.vin(), fen, today());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> post("/api/sales/sales", sales, body).statusCode(), status -> status == 201);
    }

    private static LocalDate today() {
        return LocalDate.now(SHANGHAI);
    }

    /** The API's attainment for a unit (bearer token, the way a branch app reads it). */
    private static JsonNode attainment(String level, String unitId) {
        HttpResponse<String> response = get("/api/hq/reports/attainment?level=" + level + "&unitId=" + unitId, hq);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Yuan as the console shows fen: thousands separators, two decimals. */
    static String yuan(long fen) {
        return String.format(Locale.ROOT, "%s¥%,d.%02d", fen < 0 ? "-" : "", Math.abs(fen) / 100, Math.abs(fen) % 100);
    }

    /** Signs in through the console: gateway → dev issuer's page → pick the user → back on the dashboard. */
    private static void signIn(String username) {
        browser.manage().deleteAllCookies();
        browser.get(platform.gatewayUrl() + "/console/");
        WebElement password = await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElements(By.id("password")).stream().findFirst().orElse(null), e -> e != null);
        assertThat(browser.getCurrentUrl()).as("the browser is at the issuer").startsWith(platform.issuerUrl() + "/oauth2/authorize");
        password.sendKeys("demo");
        browser.findElement(By.id("user-" + username)).click();
        awaitDashboard();
        assertThat(browser.getCurrentUrl()).isEqualTo(platform.gatewayUrl() + "/console/");
    }

    private static void awaitDashboard() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static String shown(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void screenshot(String name) {
        Path docs = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("console");
        if (!Files.isDirectory(docs.getParent())) {
            return; // not run from the repository's module folder
        }
        try {
            Files.createDirectories(docs);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    @DisplayName("UI-1 UI-2 UI-7 the HQ analyst signs in with code + PKCE; the group dashboard's month, QTD and YTD equal the API's to the fen; drill to region and branch")
    void hqDashboardEqualsTheApi() {
        signIn("hq.analyst");

        JsonNode group = attainment("GROUP", "GROUP");
        assertThat(group.path("month").path("actualFen").asLong()).isGreaterThanOrEqualTo(12_345_678L + 23_456_789L);
        assertThat(shown("kpi-month-actual")).isEqualTo(yuan(group.path("month").path("actualFen").asLong()));
        assertThat(shown("kpi-qtd-actual")).isEqualTo(yuan(group.path("quarterToDate").path("actualFen").asLong()));
        assertThat(shown("kpi-ytd-actual")).isEqualTo(yuan(group.path("yearToDate").path("actualFen").asLong()));
        assertThat(shown("kpi-ytd-task")).isEqualTo(yuan(group.path("yearToDate").path("taskFen").asLong()));
        assertThat(shown("as-of")).startsWith(group.path("asOf").asString());
        assertThat(shown("who")).contains("总部分析师");
        screenshot("hq-dashboard");

        String region = json(get("/api/hq/reports/annual-summary?level=GROUP&unitId=GROUP&year=" + today().getYear(), hq))
                .path("byChild").valueStream().filter(row -> row.path("amountFen").asLong() > 0)
                .map(row -> row.path("key").asString()).filter(key -> !key.isBlank()).findFirst().orElseThrow();
        browser.findElement(By.cssSelector("#ranking button[data-unit='" + region + "']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> shown("unit").contains(region)
                && shown("kpi-month-actual").equals(yuan(attainment("REGION", region).path("month").path("actualFen").asLong())));

        String branch = browser.findElements(By.cssSelector("#ranking button")).get(0).getDomAttribute("data-unit");
        browser.findElement(By.cssSelector("#ranking button[data-unit='" + branch + "']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> shown("unit").contains(branch)
                && shown("kpi-month-actual").equals(yuan(attainment("BRANCH", branch).path("month").path("actualFen").asLong())));
        screenshot("branch-drill-down");

        browser.findElement(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> shown("h-attainment").equals("Attainment"));
        assertThat(shown("kpi-month-actual")).isEqualTo(yuan(attainment("BRANCH", branch).path("month").path("actualFen").asLong()));
        browser.findElement(By.id("lang")).click();
    }

    @Test
    @Order(2)
    @DisplayName("UI-2 UI-7 a sale recorded through the API appears on the open dashboard without a reload (polling every 5 s)")
    void saleAppearsOnTheOpenDashboard() {
        signIn("hq.analyst");
        long before = attainment("GROUP", "GROUP").path("month").path("actualFen").asLong();
        assertThat(shown("kpi-month-actual")).isEqualTo(yuan(before));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.__noReload = true;");

        recordSale(NJ, SP_NJ, njCustomer, 987_654L);

        long after = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> attainment("GROUP", "GROUP").path("month").path("actualFen").asLong(), fen -> fen > before);
        assertThat(after).isEqualTo(before + 987_654L);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> shown("kpi-month-actual").equals(yuan(after)));
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__noReload === true;"))
                .as("the page was not reloaded").isEqualTo(true);
    }

    @Test
    @Order(3)
    @DisplayName("UI-7 GW-2 a Hangzhou manager sees Hangzhou's figures and no Nanjing data; asking for Nanjing through the console is refused")
    void hangzhouSeesNoNanjingData() {
        signIn("hz.manager");

        assertThat(shown("unit")).contains(HZ);
        assertThat(shown("kpi-month-actual")).isEqualTo(yuan(attainment("BRANCH", HZ).path("month").path("actualFen").asLong()));
        String page = browser.getPageSource();
        assertThat(page).doesNotContain(NJ, SP_NJ, "南京", "JIANGSU");
        assertThat(browser.findElement(By.id("market")).isDisplayed()).as("market share is HQ's").isFalse();
        screenshot("branch-manager-dashboard");

        Object status = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/api/sales/reports/attainment?level=BRANCH&unitId=%s').then(r => done(r.status));
                """.formatted(NJ));
        assertThat(((Number) status).intValue()).isIn(403, 404);
        Object hqStatus = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/api/hq/reports/attainment?level=GROUP&unitId=GROUP').then(r => done(r.status));
                """);
        assertThat(((Number) hqStatus).intValue()).isEqualTo(403);
    }
}
