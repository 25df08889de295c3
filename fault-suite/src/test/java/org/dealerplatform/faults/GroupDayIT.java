package org.dealerplatform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dealerplatform.local.DemoVins;
import org.dealerplatform.local.LocalPlatform;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10: a dealer group's first day at volume, played through the gateway on the platform as the README starts it
 * (each app its own process, the embedded database, a real broker): a branch imports its customers as CSV jobs, they
 * consent to SMS, each buys a car, and the branch launches a campaign with 2,000 characters of Chinese content to all
 * of them. It ends with every invitation sent to the SMS provider's API exactly once and none left unsent, and no
 * answer on the way was a 5xx. Quiet hours and the frequency cap are off here, as if the business clock stood at
 * 10:00 in Shanghai all day: no rule may defer an invitation, so each one must be sent.
 *
 * <p>Played with {@code -Dday.customers=N} (e.g. 300, about 2 minutes; the day is 10000). Off in CI: beside the
 * acceptance tests, its platform overloaded the 2 cores (a PDF export timed out there in one run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("issue 10 a dealer group's day at volume, through the gateway")
class GroupDayIT {

    static final int CUSTOMERS = Integer.getInteger("day.customers", 0);
    static final String NJ = "JS-NJ-01";
    static final String SP = "sp-nj-day";
    static final JsonMapper JSON = JsonMapper.builder().build();

    RunningPlatform platform;
    SmsProviderApi smsApi;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ExecutorService clients = Executors.newFixedThreadPool(4);
    /** Every answer the day got, by status. */
    final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    final List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    String sales;
    String manager;
    String advisor;
    LocalDate today;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(CUSTOMERS > 0, "played with -Dday.customers=N (a platform of its own: off in CI, whose 2 cores it overloads beside the acceptance tests)");
        smsApi = new SmsProviderApi(0);
        platform = LocalPlatform.start(LocalPlatform.Options.defaults().dataDir(Files.createTempDirectory("dealer-day"))
                .basePort(0).demoData(false).banner(false).appStartTimeout(Duration.ofSeconds(240))
                .env("aftersales-service", Map.of("AFTERSALES_REMINDER_CRON", "-"))
                .env("notification-service", Map.of("SPRING_APPLICATION_JSON", smsApi.springApplicationJson(
                        "dev-only-webhook-secret-primary", "dev-only-webhook-secret-secondary"))));
        sales = platform.token("day-sales", NJ, "SALES");
        manager = platform.token("day-mgr", NJ, "BRANCH_MANAGER");
        advisor = platform.token("day-adv", NJ, "SERVICE_ADVISOR");
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
        if (platform != null) {
            platform.close();
        }
        if (smsApi != null) {
            smsApi.close();
        }
    }

    @Test
    @DisplayName("import, consent, a sale each and a campaign to all: every invitation sent once, none left, no 5xx")
    void aDayAtVolume() throws Exception {
        long start = System.nanoTime();
        // 1. the branch imports its customers: two CSV files, each a job (202) that reports its rows when done
        List<String> mobiles = new ArrayList<>();
        long firstMobile = 139_0000_0000L + (System.currentTimeMillis() % 10_000) * 10_000L;
        for (int i = 0; i < CUSTOMERS; i++) {
            mobiles.add(Long.toString(firstMobile + i));
        }
        int half = CUSTOMERS / 2;
        for (List<String> file : List.of(mobiles.subList(0, half), mobiles.subList(half, CUSTOMERS))) {
            StringBuilder csv = new StringBuilder("branchId,name,type,mobile,preferredLanguage\n");
            file.forEach(mobile -> csv.append(NJ).append(",客户").append(mobile.substring(7)).append(",INDIVIDUAL,")
                    .append(mobile).append(",zh-CN\n"));
            HttpResponse<String> accepted = call("POST", "/api/customers/import", manager, csv.toString(), "text/csv", null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode job = awaitJob(accepted.headers().firstValue("Location").orElseThrow());
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.path("created").asLong()).as(job.toString()).isEqualTo(file.size());
            assertThat(job.path("problemCount").asLong()).as(job.toString()).isZero();
        }
        log("imported (two CSV jobs)", CUSTOMERS, start);

        // 2. each customer's file by its mobile; each consents to SMS and prefers it (CUS-5, NOT-7)
        List<String> customers = inParallel(CUSTOMERS, i -> {
            JsonNode page = JSON.readTree(ok(call("GET", "/api/customers?mobile=" + mobiles.get(i), sales, null, null, null)).body());
            String id = page.path("content").path(0).path("id").asString();
            assertThat(id).as("customer with mobile %s", mobiles.get(i)).isNotBlank();
            ok(call("PUT", "/api/customers/" + id + "/contact-preferences", sales,
                    "{\"consents\":{\"SMS\":true},\"preferredChannels\":[\"SMS\"]}", "application/json", null));
            return id;
        });
        log("consents recorded", CUSTOMERS, start);

        // 3. each buys a car (the salesperson's record first); the sale waits for the customer in sales' replica
        ok(call("PUT", "/api/sales/salespeople/" + SP, manager, "{\"name\":\"一日销售\"}", "application/json", null));
        List<String> vins = inParallel(CUSTOMERS, i -> {
            String vin = DemoVins.vin("LDY", 1_000_000L + i);
            String body = """
                    {"customerId":"%s","salespeople":[{"salespersonId":"%s","sharePercent":100}],
                     "vehicle":{"vin":"%s","model":"Passat 330TSI","category":"PASSENGER_CAR"},
                     "segment":"INDIVIDUAL","amountFen":%d,"saleDate":"%s"}"""
                    .formatted(customers.get(i), SP, vin, 20_000_000L + i * 100L, today);
            String key = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            HttpResponse<String> sold = call("POST", "/api/sales/sales", sales, body, "application/json", key);
            while (sold.statusCode() == 422 && sold.body().contains("customerId") && System.nanoTime() < deadline) {
                Thread.sleep(250); // not in sales-service's replica yet
                sold = call("POST", "/api/sales/sales", sales, body, "application/json", key);
            }
            assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
            return vin;
        });
        log("sales recorded", CUSTOMERS, start);

        // 4. the sold cars reach after-sales as events: the campaign's pool is the branch's passenger-car owners
        inParallel(CUSTOMERS, i -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (call("GET", "/api/aftersales/vehicles/" + vins.get(i), advisor, null, null, null).statusCode() != 200) {
                assertThat(System.nanoTime()).as("vehicle %s in after-sales", vins.get(i)).isLessThan(deadline);
                Thread.sleep(250);
            }
            return vins.get(i);
        });
        log("vehicles in after-sales", CUSTOMERS, start);

        // 5. a campaign to all of them, 2,000 characters of Chinese content, with a slot for each
        LocalDate from = today.plusDays(7);
        String content = "尊敬的车主，本店将举办免费检测周，欢迎预约。".repeat(100).substring(0, 2_000);
        JsonNode campaign = JSON.readTree(ok(call("POST", "/api/aftersales/campaigns", manager, """
                {"type":"FREE_TESTING_WEEK","name":"一日活动","content":"%s","startDate":"%s","endDate":"%s",
                 "address":"南京市江宁区汽车城路8号","audience":{"vehicleCategories":["PASSENGER_CAR"]}}"""
                .formatted(content, from, from.plusDays(6)), "application/json", UUID.randomUUID().toString())).body());
        String id = campaign.path("id").asString();
        ok(call("PUT", "/api/aftersales/campaigns/" + id + "/slots", manager,
                "{\"slots\":[{\"date\":\"%s\",\"slots\":%d}]}".formatted(from, CUSTOMERS), "application/json", null));
        HttpResponse<String> launched = call("POST", "/api/aftersales/campaigns/" + id + "/launch", manager, null, null,
                UUID.randomUUID().toString());
        assertThat(launched.statusCode()).as(launched.body()).isIn(200, 202);

        // 6. every invitation reaches the SMS provider's API exactly once, and none is left unsent
        Set<String> expected = new TreeSet<>();
        customers.forEach(customer -> expected.add("campaign:" + id + ":" + customer));
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(180, CUSTOMERS / 10)).toNanos();
        Map<String, Integer> sent = smsApi.sentPerReference();
        while (!sent.keySet().containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            sent = smsApi.sentPerReference();
        }
        log("invitations sent", CUSTOMERS, start);
        Thread.sleep(2_000); // a second send of any of them would show by now
        sent = smsApi.sentPerReference();
        Map<String, Integer> invitations = new TreeMap<>(sent);
        invitations.keySet().retainAll(expected);
        Set<String> unsent = new TreeSet<>(expected);
        unsent.removeAll(sent.keySet());
        assertThat(unsent).as("invitations not sent").isEmpty();
        assertThat(invitations.values()).as("sends per invitation").containsOnly(1);
        JsonNode view = JSON.readTree(ok(call("GET", "/api/aftersales/campaigns/" + id, manager, null, null, null)).body());
        assertThat(view.path("invited").asInt()).as(view.toString()).isEqualTo(CUSTOMERS);
        assertThat(serverErrors).as("answers with a 5xx on the way (%s)", answers).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private JsonNode awaitJob(String location) throws Exception {
        String path = URI.create(location).getPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(120, CUSTOMERS / 20)).toNanos();
        while (true) {
            JsonNode job = JSON.readTree(ok(call("GET", path, manager, null, null, null)).body());
            String status = job.path("status").asString();
            if ("DONE".equals(status) || "FAILED".equals(status) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(250);
        }
    }

    /** Runs {@code work} for 0 … n-1 on the day's 4 client threads and returns the results in order. */
    private <T> List<T> inParallel(int n, Work<T> work) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(clients.submit(() -> work.run(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    interface Work<T> {
        T run(int index) throws Exception;
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isBetween(200, 299);
        return response;
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String contentType,
            String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 429) { // the gateway's per-client limit: wait as it says, then again
            answers.computeIfAbsent(429, s -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(1_000L * response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        answers.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        if (response.statusCode() >= 500) {
            serverErrors.add(method + " " + path + " " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static void log(String what, int n, long start) {
        System.out.printf("[day] %,d customers: %s after %.1f s%n", n, what, (System.nanoTime() - start) / 1e9);
    }
}
