package org.dealerplatform.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.dealerplatform.local.DemoVins;
import org.dealerplatform.local.DevTokens;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The OWASP API Security Top 10 (2023) matrix (issue 12) against the running platform: every operation the services'
 * OpenAPI documents list (read through the gateway, so none is left out) × every caller (anonymous and each role) ×
 * own, foreign and unknown record (API1 object level, API5 function level), mass assignment (API3), token attacks at
 * the gateway and at each service (API2), body and rate limits (API4), reserved values and replays (API6), and the
 * misconfiguration probes (API8: actuator, CORS, headers, CSRF on the console's cookie calls). Every finding is
 * collected, and the test fails listing them all; the matrix size and a summary table are printed (SECURITY.md keeps
 * the table).
 *
 * <p>It seeds its own records in two branches no other acceptance test uses, through the API, on the platform the
 * other acceptance tests share, last ({@code junit-platform.properties}): its sales count in the group's figures that
 * DealershipYearIT and ConsoleBrowserIT check, and its token-bucket and circuit probes touch nothing after it.
 * HQ-wide jobs (the reminder sweep, the roll-up rebuild) are driven only with the callers that must be refused, so the
 * matrix changes no figure another test reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwaspMatrixIT {

    /** The "own" branch of the branch callers, and the "foreign" one. Neither is used by another acceptance test. */
    static final String OWN = "JS-SZ-01";
    static final String FOREIGN = "JS-WX-01";
    static final List<String> ROLES = DevTokens.ROLES;
    static final List<String> CALLERS = List.of("anonymous", "HQ", "BRANCH_MANAGER", "SALES", "SERVICE_ADVISOR");
    /** The services' API documents, at the gateway. */
    static final Map<String, String> DOCS = Map.of(
            "customer-service", "/docs/customers", "sales-service", "/docs/sales",
            "aftersales-service", "/docs/aftersales", "notification-service", "/docs/notifications");
    static final List<String> SERVICES = List.of("customer-service", "sales-service", "aftersales-service",
            "notification-service");

    /**
     * API5: who may call what. The first rule whose method and path pattern match decides; an operation no rule
     * matches is open to every business role (branch roles then only see their own branch's records, API1). Mirrors
     * the role checks in the gateway (/api/hq/**) and in the services' controllers.
     */
    static final List<Rule> POLICY = List.of(
            rule(".*", "/api/hq/.*", "HQ"),
            rule(".*", "/api/customers/model-remap", "HQ"),
            rule(".*", "/api/aftersales/model-remap", "HQ"),
            rule("GET", "/api/(customers|sales|notifications)/export-audit", "HQ"),
            rule("POST", "/api/customers/\\{id}/erasure", "HQ", "BRANCH_MANAGER"),
            rule("POST", "/api/aftersales/reminders/sweep", "HQ"),
            rule("PUT", "/api/sales/branches", "HQ"),
            rule("PUT", "/api/sales/targets/\\{year}/\\{level}/\\{unitId}", "HQ"), // the matrix's level is BRANCH
            rule("PUT", "/api/sales/salespeople/\\{id}", "HQ", "BRANCH_MANAGER"),
            rule("POST", "/api/sales/salespeople/\\{id}/deactivation", "HQ", "BRANCH_MANAGER"),
            rule("POST", "/api/sales/visits/vip-plan", "HQ", "BRANCH_MANAGER"),
            rule("POST", "/api/sales/sales(/\\{id}/(correct|cancel))?", "HQ", "BRANCH_MANAGER", "SALES"),
            rule("POST|PUT", "/api/aftersales/campaigns.*", "HQ", "BRANCH_MANAGER"),
            rule(".*", "/api/aftersales/complaints.*", "HQ", "BRANCH_MANAGER"),
            rule("POST", "/api/aftersales/follow-up-calls/.*", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"),
            rule("POST", "/api/aftersales/work-orders", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"),
            rule("POST|PUT|DELETE", "/api/aftersales/vehicles/.*", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"),
            rule("POST", "/api/aftersales/(vehicles|service-history)/import", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"),
            rule("POST", "/api/notifications/letters/batches", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"),
            rule("POST", "/api/notifications/calls/\\{id}/outcome", "HQ", "BRANCH_MANAGER", "SERVICE_ADVISOR"));

    /** HQ-wide jobs with no body: driven only with callers that must be refused (they would change others' figures). */
    static final Set<String> NOT_RUN_BY_PERMITTED = Set.of("POST /api/aftersales/reminders/sweep",
            "POST /api/hq/rollups/rebuild");

    /** Provider webhooks: anonymous by design, the signature is checked in the service (NOT-5). */
    static final Pattern WEBHOOK = Pattern.compile("/api/notifications/webhooks/.*");

    RunningPlatform platform;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final Map<String, String> foreignTokens = new LinkedHashMap<>();
    /** Seeded records per kind: [own, foreign]. */
    final Map<String, String[]> seeds = new LinkedHashMap<>();
    /** Strings only the foreign branch's records contain: none may appear in an answer to a branch caller. */
    final List<String> foreignMarkers = new ArrayList<>();
    final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    /** Matrix cases that got no answer at the first try (printed; a finding when the second try fails too). */
    final List<String> secondTries = Collections.synchronizedList(new ArrayList<>());
    /** Whether the apps' threads were written after an unanswered request (once per run). */
    final AtomicBoolean threadsDumped = new AtomicBoolean();
    /** Summary rows: risk → [cases, passed]. */
    final Map<String, int[]> summary = Collections.synchronizedMap(new LinkedHashMap<>());
    /** HTTP/1.1 as browsers and the services' clients speak it (no h2c upgrade attempt on every request). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final LocalDate today = LocalDate.now();
    static final AtomicInteger VIN_COUNTER = new AtomicInteger((int) (System.nanoTime() % 400_000));

    /** Where this test's findings start in {@link #findings}. */
    int mark;

    @org.junit.jupiter.api.BeforeEach
    void markFindings() {
        mark = findings.size();
    }

    List<String> newFindings() {
        synchronized (findings) {
            return List.copyOf(findings.subList(mark, findings.size()));
        }
    }

    /** The second gateway with a small rate limit (API4), started while the seeds travel through the events. */
    java.util.concurrent.CompletableFuture<RunningPlatform.Instance> limitedGateway;
    int limitedPort;
    double limitedStartSeconds;

    @BeforeAll
    void seed() throws IOException {
        platform = PlatformFixture.platform();
        long seeding = System.nanoTime();
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            limitedPort = free.getLocalPort();
        }
        limitedGateway = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long launched = System.nanoTime();
            RunningPlatform.Instance instance = platform.startSecondInstance("gateway", limitedPort,
                    Map.of("RATE_LIMIT_REPLENISH_PER_SECOND", "1", "RATE_LIMIT_BURST", "5"));
            limitedStartSeconds = (System.nanoTime() - launched) / 1e9;
            return instance;
        });
        // the first request for an API document builds it (springdoc), which may take longer than the gateway waits
        java.util.concurrent.CompletableFuture.runAsync(() -> DOCS.values().forEach(path -> call("GET", path, null, null)));
        for (String role : ROLES) {
            String branch = "HQ".equals(role) ? null : OWN;
            tokens.put(role, platform.token("owasp-" + role.toLowerCase(Locale.ROOT), branch, role));
            foreignTokens.put(role, platform.token("owasp-wx-" + role.toLowerCase(Locale.ROOT),
                    "HQ".equals(role) ? null : FOREIGN, role));
        }
        String[] customers = new String[2];
        String[] vins = new String[2];
        String[] salespeople = {"sp-owasp-sz", "sp-owasp-wx"};
        for (int i = 0; i < 2; i++) {
            Map<String, String> as = i == 0 ? tokens : foreignTokens;
            String mobile = mobile();
            String name = i == 0 ? "甲方客户" : "外店客户" + ThreadLocalRandom.current().nextInt(1000, 9999);
            JsonNode customer = created(seedCall("POST", "/api/customers", as.get("SALES"), """
                    {"name":"%s","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                    """.formatted(name, mobile, today.minusDays(1))));
            customers[i] = customer.path("id").asString();
            vins[i] = vin();
            created(seedCall("POST", "/api/customers/" + customers[i] + "/vehicles", as.get("SALES"), """
                    {"vin":"%s","model":"Lavida 1.5L","category":"PASSENGER_CAR","purchaseDate":"%s"}
                    """.formatted(vins[i], today.minusDays(30))));
            created(seedCall("PUT", "/api/sales/salespeople/" + salespeople[i], as.get("BRANCH_MANAGER"),
                    "{\"name\":\"Owasp %d\"}".formatted(i)));
            if (i == 1) {
                foreignMarkers.addAll(List.of(customers[i], name, mobile, vins[i]));
            }
        }
        seeds.put("customer", customers);
        seeds.put("vin", vins);
        seeds.put("salesperson", salespeople);
        String[] sales = new String[2];
        String[] workOrders = new String[2];
        String[] leads = new String[2];
        for (int i = 0; i < 2; i++) {
            Map<String, String> as = i == 0 ? tokens : foreignTokens;
            String customer = customers[i];
            String vin = vins[i];
            String salesperson = salespeople[i];
            // the sales and after-sales replicas learn of the customer and the car through events
            sales[i] = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                HttpResponse<String> r = seedCall("POST", "/api/sales/sales", as.get("SALES"), """
                        {"customerId":"%s","salespeople":[{"salespersonId":"%s","sharePercent":100}],
                         "vehicle":{"vin":"%s","model":"Lavida","category":"PASSENGER_CAR"},
                         "segment":"INDIVIDUAL","amountFen":12345600,"saleDate":"%s"}""".formatted(customer, salesperson,
                        vin(), today.minusDays(2)));
                return r.statusCode() == 201 ? json(r).path("id").asString() : null;
            }, id -> id != null);
            workOrders[i] = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                HttpResponse<String> r = seedCall("POST", "/api/aftersales/work-orders", as.get("SERVICE_ADVISOR"), """
                        {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":1200,"items":["oil change"],
                         "partsFen":45000,"labourFen":20000,"technician":"tech-owasp"}""".formatted(vin, today.minusDays(1)));
                return r.statusCode() == 201 ? json(r).path("id").asString() : null;
            }, id -> id != null);
            leads[i] = created(seedCall("POST", "/api/sales/leads", as.get("SALES"), """
                    {"name":"潜客%d","mobile":"%s","source":"WALK_IN","interestModel":"Lavida","salespersonId":"%s",
                     "nextFollowUpDate":"%s"}""".formatted(i, mobile(), salesperson, today.plusDays(3))))
                    .path("id").asString();
        }
        // a branch target per branch (HQ sets them), so reading one's own branch target is a positive control
        for (String branch : List.of(OWN, FOREIGN)) {
            created(seedCall("PUT", "/api/sales/targets/%d/BRANCH/%s".formatted(today.getYear(), branch), tokens.get("HQ"),
                    "{\"targetFen\":100000000,\"taskFen\":50000000}"));
        }
        seeds.put("sale", sales);
        seeds.put("workOrder", workOrders);
        seeds.put("lead", leads);
        foreignMarkers.addAll(List.of(sales[1], workOrders[1], leads[1]));
        System.out.printf(Locale.ROOT, "OWASP seeds: customers, cars, salespeople, targets, sales, work orders and leads"
                + " in %s and %s in %.1f s%n", OWN, FOREIGN, (System.nanoTime() - seeding) / 1e9);
    }

    // ------------------------------------------------------------------------------------------- API1, API3, API5

    @Test
    @Order(1)
    @DisplayName("SEC-1 SEC-6 GW-2 INT-1 API1 API5: every documented operation × caller × own/foreign/unknown record: no foreign data, wrong roles refused, problems only, no 5xx")
    void operationMatrix() throws Exception {
        List<Operation> operations = new ArrayList<>();
        List<String> outsideGateway = new ArrayList<>();
        for (String service : SERVICES) {
            // the first request builds the document (springdoc), which may take longer than the gateway waits
            HttpResponse<String> docs = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> call("GET", DOCS.get(service), null, null), r -> r.statusCode() == 200);
            JsonNode paths = json(docs).path("paths");
            for (String path : paths.propertyNames()) {
                for (String method : paths.path(path).propertyNames()) {
                    String m = method.toUpperCase(Locale.ROOT);
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                        continue;
                    }
                    if (!path.startsWith("/api/")) {
                        outsideGateway.add(m + " " + path); // not routed by the gateway (simulator, admin)
                        continue;
                    }
                    operations.add(new Operation(service, m, path,
                            paths.path(path).path(method).has("requestBody")));
                }
            }
        }
        assertThat(operations).as("operations in the API documents").hasSizeGreaterThan(50);
        List<Case> cases = new ArrayList<>();
        for (Operation op : operations) {
            List<String> records = records(op);
            for (String caller : CALLERS) {
                for (String record : records) {
                    if (!"anonymous".equals(caller) && allowed(op, caller)
                            && NOT_RUN_BY_PERMITTED.contains(op.method() + " " + op.path())) {
                        continue;
                    }
                    cases.add(new Case(op, caller, record));
                }
            }
        }
        long started = System.nanoTime();
        // unknown and foreign first, then own: an own record changed by a permitted call cannot hide a finding
        cases.sort((a, b) -> Integer.compare(order(a.record()), order(b.record())));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Case c : cases) {
                done.add(pool.submit(() -> check(c)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "OWASP matrix: %d operations × %d callers × (own, foreign, unknown | collection)"
                + " = %d cases in %.1f s; %d operations not behind the gateway: %s%n", operations.size(), CALLERS.size(),
                cases.size(), (System.nanoTime() - started) / 1e9, outsideGateway.size(), outsideGateway);
        secondTries.forEach(t -> System.out.println("OWASP matrix: no answer at the first try: " + t));
        assertThat(newFindings()).as("OWASP matrix findings").isEmpty();
    }

    /** own, foreign, unknown for an operation on a seeded record; unknown only when the record kind is not seeded. */
    List<String> records(Operation op) {
        List<String> params = params(op.path());
        if (params.isEmpty()) {
            return List.of("collection");
        }
        if (params.stream().allMatch(p -> "fixed".equals(kind(op.path(), p)))) {
            return List.of("collection"); // a year, not a record
        }
        boolean seeded = params.stream().allMatch(p -> kind(op.path(), p) != null);
        return seeded ? List.of("unknown", "foreign", "own") : List.of("unknown");
    }

    static int order(String record) {
        return switch (record) {
            case "unknown" -> 0;
            case "foreign" -> 1;
            case "collection" -> 2;
            default -> 3;
        };
    }

    /** The record kind a path parameter names (null: not seeded), or a fixed value kind. */
    static String kind(String path, String param) {
        return switch (param) {
            case "year", "level" -> "fixed";
            case "unitId" -> "branch";
            case "vin" -> "vin";
            case "customerId" -> "customer";
            case "id" -> path.startsWith("/api/customers/{id}") ? "customer"
                    : path.startsWith("/api/sales/sales/{id}") ? "sale"
                    : path.startsWith("/api/sales/leads/{id}") ? "lead"
                    : path.startsWith("/api/sales/salespeople/{id}") ? "salesperson"
                    : path.startsWith("/api/aftersales/work-orders/{id}") ? "workOrder"
                    : null;
            default -> null;
        };
    }

    String value(String path, String param, String record) {
        String kind = kind(path, param);
        if ("year".equals(param)) {
            return String.valueOf(today.getYear());
        }
        if ("level".equals(param)) {
            return "BRANCH";
        }
        if ("branch".equals(kind)) {
            return switch (record) {
                case "own" -> OWN;
                case "foreign" -> FOREIGN;
                default -> "XX-XX-99";
            };
        }
        if ("unknown".equals(record) || kind == null) {
            return "vin".equals(param) ? vin() : "salesperson".equals(kind) ? "sp-nobody-" + UUID.randomUUID()
                    .toString().substring(0, 8) : "provider".equals(param) ? "nobody" : UUID.randomUUID().toString();
        }
        return seeds.get(kind)["own".equals(record) ? 0 : 1];
    }

    static List<String> params(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static boolean allowed(Operation op, String caller) {
        if ("anonymous".equals(caller)) {
            return WEBHOOK.matcher(op.path()).matches();
        }
        for (Rule rule : POLICY) {
            if (rule.method().matcher(op.method()).matches() && rule.path().matcher(op.path()).matches()) {
                return rule.roles().contains(caller);
            }
        }
        return true;
    }

    void check(Case c) {
        Operation op = c.op();
        String url = op.path();
        for (String p : params(op.path())) {
            url = url.replace("{" + p + "}", URLEncoder.encode(value(op.path(), p, c.record()), StandardCharsets.UTF_8));
        }
        if ("collection".equals(c.record()) && "GET".equals(op.method())) {
            url += "?branchId=" + FOREIGN; // a branch caller asking for another branch's list
        }
        String token = "anonymous".equals(c.caller()) ? null : tokens.get(c.caller());
        String body = op.hasBody() ? "{}" : null;
        HttpResponse<String> r;
        try {
            r = call(op.method(), url, token, body);
        } catch (RuntimeException noAnswer) {
            // seen twice on a machine at a load of ~25 (a POST without an answer in 30 s, although the gateway gives
            // up on a service after 5 s): asked once more, the case is judged on the second answer and counted
            secondTries.add("%s %s as %s (%s record): %s".formatted(op.method(), url, c.caller(), c.record(), noAnswer));
            dumpAppThreads("%s %s as %s got no answer within 30 s".formatted(op.method(), url, c.caller()));
            try {
                r = call(op.method(), url, token, body);
            } catch (RuntimeException e) {
                record("no answer", false);
                findings.add("%s %s as %s (%s record): no answer twice: %s".formatted(op.method(), url, c.caller(),
                        c.record(), e));
                return;
            }
        }
        int status = r.statusCode();
        String where = "%s %s as %s (%s record) → %d %s".formatted(op.method(), url, c.caller(), c.record(), status,
                abbreviate(r.body()));
        boolean webhook = WEBHOOK.matcher(op.path()).matches();
        boolean permitted = allowed(op, c.caller());
        boolean branchCaller = !"anonymous".equals(c.caller()) && !"HQ".equals(c.caller());
        String risk;
        List<String> wrong = new ArrayList<>();
        if (status >= 500) {
            wrong.add("a 5xx");
        }
        if (status >= 400 && !isProblem(r)) {
            wrong.add("a non-2xx that is not an application/problem+json problem with its status");
        }
        if ("anonymous".equals(c.caller())) {
            risk = "API2 no token";
            if (webhook ? status < 400 : status != 401) {
                wrong.add(webhook ? "an unsigned webhook call accepted" : "not 401 without a token");
            }
        } else if (!permitted) {
            risk = status == 403 ? "API5 function level (refused: 403)"
                    : "API5 function level (body or record refused first: 4xx)";
            boolean validationFirst = op.hasBody() && (status == 400 || status == 415 || status == 422);
            boolean hidden = !"own".equals(c.record()) && !"collection".equals(c.record()) && status == 404;
            if (status != 403 && !validationFirst && !hidden) {
                wrong.add("a caller without the role not refused with 403");
            }
        } else if ("foreign".equals(c.record()) && branchCaller) {
            risk = "API1 object level";
            if (status < 400) {
                wrong.add("another branch's record answered " + status);
            }
            if ("GET".equals(op.method()) && status != 404) {
                wrong.add("another branch's record not 404 like a missing one");
            }
        } else if ("unknown".equals(c.record())) {
            risk = "API1 object level";
            if (status < 400) {
                wrong.add("an unknown record answered " + status);
            }
            if ("GET".equals(op.method()) && status != 404) {
                wrong.add("an unknown record not 404");
            }
        } else if (("own".equals(c.record()) || "foreign".equals(c.record())) && "GET".equals(op.method())) {
            risk = "API1 object level";
            if (status != 200) {
                wrong.add("a permitted caller cannot read " + ("HQ".equals(c.caller()) ? "a" : "its own")
                        + " record (" + status + ")");
            }
        } else {
            risk = "collection".equals(c.record()) ? "API1 object level" : "API5 function level (permitted)";
            if (status == 401 || status == 403) {
                wrong.add("a permitted caller refused with " + status);
            }
        }
        if (branchCaller) {
            for (String marker : foreignMarkers) {
                if (!url.contains(marker) && r.body().contains(marker)) {
                    wrong.add("the answer names another branch's " + marker);
                }
            }
        }
        record(risk, wrong.isEmpty());
        if (!wrong.isEmpty()) {
            findings.add(where + ": " + String.join("; ", wrong));
        }
    }

    @Test
    @Order(2)
    @DisplayName("SEC-1 INT-1 API3: mass assignment: branchId, id, version, createdBy and status in a body are not taken")
    void massAssignment() {
        // 1. another branch's branchId in a create: refused (403 problem) or ignored, never taken
        String foreignBranch = "{\"branchId\":\"%s\",".formatted(FOREIGN);
        List<String[]> creates = List.of(
                new String[] {"/api/customers", "SALES", """
                        "name":"批量赋值","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}"""
                        .formatted(mobile(), today)},
                new String[] {"/api/sales/sales", "SALES", """
                        "customerId":"%s","salespeople":[{"salespersonId":"%s","sharePercent":100}],
                         "vehicle":{"vin":"%s","model":"Lavida","category":"PASSENGER_CAR"},
                         "segment":"INDIVIDUAL","amountFen":100000,"saleDate":"%s"}""".formatted(seeds.get("customer")[0],
                        seeds.get("salesperson")[0], vin(), today)},
                new String[] {"/api/aftersales/work-orders", "SERVICE_ADVISOR", """
                        "vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":1500,"items":["check"],
                         "partsFen":0,"labourFen":100,"technician":"tech-owasp"}""".formatted(seeds.get("vin")[0], today)},
                new String[] {"/api/sales/leads", "SALES", """
                        "name":"潜客","source":"WALK_IN","salespersonId":"%s","nextFollowUpDate":"%s"}"""
                        .formatted(seeds.get("salesperson")[0], today.plusDays(2))});
        for (String[] create : creates) {
            HttpResponse<String> r = call("POST", create[0], tokens.get(create[1]), foreignBranch + create[2]);
            expect("API3 mass assignment", r.statusCode() == 403 && isProblem(r)
                            || r.statusCode() == 201 && OWN.equals(json(r).path("branchId").asString()),
                    "POST " + create[0] + " naming another branch → " + r.statusCode() + " " + abbreviate(r.body()));
        }
        // 2. server-owned fields (id, version, createdBy, status) in a create or an update: not taken
        String id = UUID.randomUUID().toString();
        String serverOwned = "{\"id\":\"%s\",\"branchId\":\"%s\",\"version\":99,\"createdBy\":\"mallory\",\"status\":\"CANCELLED\","
                .formatted(id, OWN);
        for (String[] create : creates) {
            HttpResponse<String> r = call("POST", create[0], tokens.get(create[1]), serverOwned
                    + create[2].replace("\"mileageKm\":1500", "\"mileageKm\":1600").replaceAll("\"vin\":\"[A-Z0-9]{17}\",\"model\":\"Lavida\"", "\"vin\":\"" + vin() + "\",\"model\":\"Lavida\""));
            JsonNode body = r.statusCode() == 201 ? json(r) : null;
            expect("API3 mass assignment", body != null && !id.equals(body.path("id").asString())
                            && OWN.equals(body.path("branchId").asString())
                            && !"mallory".equals(body.path("createdBy").asString())
                            && !"CANCELLED".equals(body.path("status").asString())
                            && body.path("version").asLong(0) < 99,
                    "POST " + create[0] + " with id, version, createdBy, status → " + r.statusCode() + " " + abbreviate(r.body()));
        }
        String customer = seeds.get("customer")[0];
        HttpResponse<String> before = call("GET", "/api/customers/" + customer, tokens.get("SALES"), null);
        HttpResponse<String> changed = call("PUT", "/api/customers/" + customer, tokens.get("SALES"), """
                {"id":"%s","branchId":"%s","version":99,"createdBy":"mallory","name":"%s","type":"INDIVIDUAL","mobile":"%s",
                 "preferredLanguage":"zh-CN"}""".formatted(id, FOREIGN, json(before).path("name").asString(),
                json(before).path("mobile").asString()));
        HttpResponse<String> after = call("GET", "/api/customers/" + customer, tokens.get("HQ"), null);
        expect("API3 mass assignment", after.statusCode() == 200 && OWN.equals(json(after).path("branchId").asString())
                        && customer.equals(json(after).path("id").asString()) && json(after).path("version").asLong(0) < 99,
                "PUT /api/customers/{id} with id, branchId, version → " + changed.statusCode() + ", stored " + abbreviate(after.body()));
        // 3. a branch caller naming another branch's salesperson in a body: 422 with the field (INT-1)
        HttpResponse<String> foreignRef = call("POST", "/api/sales/leads", tokens.get("SALES"), """
                {"name":"借名","source":"WALK_IN","salespersonId":"%s","nextFollowUpDate":"%s"}"""
                .formatted(seeds.get("salesperson")[1], today.plusDays(2)));
        expect("API3 mass assignment", foreignRef.statusCode() == 422 && isProblem(foreignRef),
                "POST /api/sales/leads naming another branch's salesperson → " + foreignRef.statusCode() + " "
                        + abbreviate(foreignRef.body()));
        assertThat(newFindings()).as("OWASP findings").isEmpty();
    }

    // ----------------------------------------------------------------------------------------------------- API2

    @Test
    @Order(3)
    @DisplayName("SEC-1 API2: forged, expired, never-expiring, foreign-issuer/audience, other-key, alg none, HS256 and branch-less branch tokens are 401 at the gateway and at every service")
    void tokenAttacks() {
        DevTokens issuer = platform.devTokens();
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", none(valid(issuer).build()));
        attacks.put("HS256 shared secret", hs256(valid(issuer).build()));
        attacks.put("expired", issuer.signed(valid(issuer).issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build()));
        attacks.put("no exp", issuer.signed(valid(issuer).expirationTime(null).build()));
        attacks.put("wrong issuer", issuer.signed(valid(issuer).issuer("http://evil.example").build()));
        attacks.put("wrong audience", issuer.signed(valid(issuer).audience("another-api").build()));
        attacks.put("no audience", issuer.signed(valid(issuer).audience((String) null).build()));
        attacks.put("another key (same kid)", otherKey(issuer, valid(issuer).build()));
        attacks.put("branch role without branchId", issuer.signed(valid(issuer).claim("branchId", null).build()));
        attacks.put("unknown role", issuer.signed(valid(issuer).claim("roles", List.of("ROOT")).build()));
        attacks.put("no roles", issuer.signed(valid(issuer).claim("roles", List.of()).build()));
        attacks.put("tampered payload", tamper(issuer.signed(valid(issuer).build())));
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("gateway", platform.gatewayUrl() + "/api/customers/" + seeds.get("customer")[0]);
        targets.put("customer-service", platform.serviceUrl("customer-service") + "/api/customers/" + seeds.get("customer")[0]);
        targets.put("sales-service", platform.serviceUrl("sales-service") + "/api/sales/sales/" + seeds.get("sale")[0]);
        targets.put("aftersales-service", platform.serviceUrl("aftersales-service") + "/api/aftersales/work-orders/"
                + seeds.get("workOrder")[0]);
        targets.put("notification-service", platform.serviceUrl("notification-service") + "/api/notifications");
        int cases = 0;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            HttpResponse<String> control = send(HttpRequest.newBuilder(URI.create(target.getValue())).GET(),
                    issuer.signed(valid(issuer).build()));
            expect("API2 token control", control.statusCode() == 200,
                    "a valid token at " + target.getKey() + " → " + control.statusCode() + " " + abbreviate(control.body()));
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(target.getValue())).GET(), attack.getValue());
                cases++;
                expect("API2 broken authentication", r.statusCode() == 401 && isProblem(r),
                        attack.getKey() + " token at " + target.getKey() + " → " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        System.out.printf("OWASP API2: %d token attacks × %d targets = %d cases%n", attacks.size(), targets.size(), cases);
        assertThat(newFindings()).as("OWASP findings").isEmpty();
    }

    static JWTClaimsSet.Builder valid(DevTokens issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer.issuer()).audience(DevTokens.AUDIENCE).subject("owasp-attacker")
                .claim("roles", List.of("SALES")).claim("branchId", OWN)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String none(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner("an-attacker-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key nobody trusts, under the trusted key's {@code kid}. */
    static String otherKey(DevTokens issuer, JWTClaimsSet claims) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(issuer.publicKey().getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload is swapped for an HQ one, keeping the signature. */
    static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"SALES\"", "\"HQ\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    // ----------------------------------------------------------------------------------------------- API4, API6

    @Test
    @Order(4)
    @DisplayName("SEC-3 SEC-5 API4: a body over the limit is a 413 problem at the gateway and at the service; a burst from one subject gets 429 problems")
    void resourceLimits() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";
        HttpResponse<String> gateway = call("POST", "/api/customers", tokens.get("SALES"), big);
        expect("API4 resource consumption", gateway.statusCode() == 413 && isProblem(gateway),
                "a 300 KiB JSON body at the gateway → " + gateway.statusCode() + " " + abbreviate(gateway.body()));
        HttpResponse<String> direct = send(HttpRequest.newBuilder(URI.create(platform.serviceUrl("customer-service")
                + "/api/customers")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)), tokens.get("SALES"));
        expect("API4 resource consumption", direct.statusCode() == 413 && isProblem(direct),
                "a 300 KiB JSON body at customer-service → " + direct.statusCode() + " " + abbreviate(direct.body()));
        HttpResponse<String> webhook = call("POST", "/api/notifications/webhooks/sms/simulator/receipts", null,
                "[\"" + "y".repeat(80 * 1024) + "\"]");
        expect("API4 resource consumption", webhook.statusCode() == 413 && isProblem(webhook),
                "an 80 KiB webhook body → " + webhook.statusCode() + " " + abbreviate(webhook.body()));

        // SEC-5: per subject, a token bucket (200/s, burst 400 in the shared platform's gateway, more than this
        // machine serves). A second gateway instance on the same services with a bucket of 5 and 1/s shows the limit
        // itself: one subject's sixth quick request is a 429 problem with Retry-After, another subject is not held up.
        RunningPlatform.Instance limited = limitedGateway.get(120, java.util.concurrent.TimeUnit.SECONDS);
        try {
            String burstToken = platform.token("owasp-burst", OWN, "SALES");
            URI target = URI.create("http://localhost:" + limitedPort + "/api/sales/sales/" + seeds.get("sale")[0]);
            Map<Integer, Integer> statuses = new TreeMap<>();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(target).GET(), burstToken);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 429 && refused == null) {
                    refused = r;
                }
            }
            System.out.printf(Locale.ROOT, "OWASP API4: second gateway (burst 5, 1/s) up in %.1f s; 12 quick requests"
                    + " from one subject: %s%n", limitedStartSeconds, statuses);
            expect("API4 resource consumption", refused != null && isProblem(refused)
                            && refused.headers().firstValue("Retry-After").isPresent()
                            && statuses.keySet().stream().allMatch(st -> st == 200 || st == 429),
                    "12 quick requests from one subject with a bucket of 5 → " + statuses
                            + (refused == null ? "" : " " + refused.headers().map() + " " + abbreviate(refused.body())));
            HttpResponse<String> other = send(HttpRequest.newBuilder(target).GET(), tokens.get("SALES"));
            expect("API4 resource consumption", other.statusCode() == 200,
                    "another subject right after the burst → " + other.statusCode());
        } finally {
            limited.kill();
        }
        assertThat(newFindings()).as("OWASP findings").isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("INT-3 SEC-8 REL-7 API6: reserved values and control characters are refused; a replayed POST records once, a reused key with another body is refused")
    void businessFlows() {
        String customer = seeds.get("customer")[0];
        for (String model : List.of("*", "Lavida|1.5L")) {
            HttpResponse<String> r = call("POST", "/api/customers/" + customer + "/vehicles", tokens.get("SALES"), """
                    {"vin":"%s","model":"%s","category":"PASSENGER_CAR","purchaseDate":"%s"}""".formatted(vin(), model, today));
            expect("API6 business flows", (r.statusCode() == 400 || r.statusCode() == 422) && isProblem(r),
                    "a vehicle model " + model + " → " + r.statusCode() + " " + abbreviate(r.body()));
        }
        for (String param : List.of("name=a%00b", "name=a%1Bb", "plate=%0D%0Ax")) {
            HttpResponse<String> control = call("GET", "/api/customers?" + param, tokens.get("SALES"), null);
            expect("API6 business flows", control.statusCode() == 400 && isProblem(control),
                    "a control character in a parameter (" + param + ") → " + control.statusCode() + " "
                            + abbreviate(control.body()));
        }
        // a reserved value as a filter is no wildcard: refused, or it matches nothing
        for (String filter : List.of("salespersonId=*", "branchId=*")) {
            HttpResponse<String> wildcard = call("GET", "/api/sales/sales?" + filter, tokens.get("SALES"), null);
            expect("API6 business flows", wildcard.statusCode() >= 400 && wildcard.statusCode() < 500 && isProblem(wildcard)
                            || wildcard.statusCode() == 200 && json(wildcard).path("totalElements").asLong() == 0,
                    "a " + filter + " filter → " + wildcard.statusCode() + " " + abbreviate(wildcard.body()));
        }

        String key = "owasp-" + UUID.randomUUID();
        String body = """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"%s","mileageKm":1800,"items":["replay"],
                 "partsFen":0,"labourFen":100,"technician":"tech-owasp"}""".formatted(seeds.get("vin")[0], today);
        HttpResponse<String> first = idempotent("/api/aftersales/work-orders", tokens.get("SERVICE_ADVISOR"), key, body);
        HttpResponse<String> replay = idempotent("/api/aftersales/work-orders", tokens.get("SERVICE_ADVISOR"), key, body);
        expect("API6 business flows", first.statusCode() == 201 && replay.statusCode() == 201
                        && json(first).path("id").asString().equals(json(replay).path("id").asString()),
                "a replayed work order → " + first.statusCode() + "/" + replay.statusCode() + " " + abbreviate(replay.body()));
        HttpResponse<String> reused = idempotent("/api/aftersales/work-orders", tokens.get("SERVICE_ADVISOR"), key,
                body.replace("1800", "1900"));
        expect("API6 business flows", reused.statusCode() >= 400 && reused.statusCode() < 500 && isProblem(reused),
                "the same Idempotency-Key with another body → " + reused.statusCode() + " " + abbreviate(reused.body()));
        // another branch replaying the key of this branch's request gets nothing of it
        HttpResponse<String> foreignReplay = idempotent("/api/aftersales/work-orders", foreignTokens.get("SERVICE_ADVISOR"),
                key, body);
        expect("API6 business flows", foreignReplay.statusCode() >= 400 && foreignReplay.statusCode() < 500
                        && !foreignReplay.body().contains(json(first).path("id").asString()),
                "another branch replaying the key → " + foreignReplay.statusCode() + " " + abbreviate(foreignReplay.body()));
        assertThat(newFindings()).as("OWASP findings").isEmpty();
    }

    HttpResponse<String> idempotent(String path, String token, String key, String body) {
        return send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    // ----------------------------------------------------------------------------------------------------- API8

    @Test
    @Order(6)
    @DisplayName("SEC-6 UI-1 API8: actuator beyond health is closed, security headers are set, a foreign origin gets no CORS grant, console cookie calls need the CSRF token")
    void misconfiguration() throws Exception {
        Map<String, String> apps = new LinkedHashMap<>();
        apps.put("gateway", platform.gatewayUrl());
        for (String service : SERVICES) {
            apps.put(service, platform.serviceUrl(service));
        }
        for (Map.Entry<String, String> app : apps.entrySet()) {
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(app.getValue() + "/actuator/health")).GET(), null);
            expect("API8 misconfiguration", health.statusCode() == 200, app.getKey() + " /actuator/health → " + health.statusCode());
            for (String endpoint : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings",
                    "metrics", "caches", "scheduledtasks", "conditions", "shutdown")) {
                for (String token : new String[] {null, tokens.get("BRANCH_MANAGER")}) {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(app.getValue() + "/actuator/" + endpoint))
                            .method("shutdown".equals(endpoint) ? "POST" : "GET", HttpRequest.BodyPublishers.noBody()), token);
                    expect("API8 misconfiguration", r.statusCode() >= 400 && r.statusCode() < 500,
                            app.getKey() + " /actuator/" + endpoint + (token == null ? " anonymous" : " as a branch manager")
                                    + " → " + r.statusCode());
                }
            }
        }
        HttpResponse<String> api = call("GET", "/api/customers/" + seeds.get("customer")[0], tokens.get("SALES"), null);
        expect("API8 misconfiguration", "nosniff".equals(api.headers().firstValue("X-Content-Type-Options").orElse(""))
                        && api.headers().firstValue("Cache-Control").orElse("").contains("no-store")
                        && api.headers().firstValue("X-Frame-Options").isPresent(),
                "security headers on an API answer: " + api.headers().map());
        for (String path : List.of("/api/customers", "/console/api/customers")) {
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), null);
            expect("API8 misconfiguration", preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty()
                            && preflight.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(),
                    "CORS preflight from a foreign origin to " + path + " → " + preflight.statusCode() + " "
                            + preflight.headers().map());
        }
        HttpResponse<String> simple = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/customers/"
                + seeds.get("customer")[0])).header("Origin", "https://evil.example").GET(), tokens.get("SALES"));
        expect("API8 misconfiguration", simple.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                "a cross-origin GET gets Access-Control-Allow-Origin: " + simple.headers().map());
        consoleCsrf();
        assertThat(newFindings()).as("OWASP findings").isEmpty();
    }

    /** Signs in to the console (code flow at the dev issuer) and tries its cookie calls without the CSRF token. */
    void consoleCsrf() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String gateway = platform.gatewayUrl();
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(URI.create(gateway + "/oauth2/authorization/dealer-console"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String authorize = start.headers().firstValue("Location").orElseThrow();
        Map<String, String> params = query(URI.create(authorize).getRawQuery());
        params.put("username", "sz.manager"); // DemoUsers: the Suzhou (JS-SZ-01) manager
        params.put("password", "demo");
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI authorizeUri = URI.create(authorize);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(new URI(authorizeUri.getScheme(),
                        authorizeUri.getRawAuthority(), authorizeUri.getPath(), null, null))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        String callback = signedIn.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("dev issuer sign-in → " + signedIn.statusCode() + " " + abbreviate(signedIn.body())));
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(callback)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        expect("API8 CSRF", back.statusCode() == 302, "console sign-in callback → " + back.statusCode());
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(gateway + "/console/api/customers/"
                + seeds.get("customer")[0])).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        expect("API8 CSRF", read.statusCode() == 200, "a console read with the session → " + read.statusCode());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
                .map(HttpCookie::getValue).findFirst().orElse(null);
        expect("API8 CSRF", xsrf != null, "no XSRF-TOKEN cookie after a console call");
        String body = """
                {"name":"控制台","type":"INDIVIDUAL","mobile":"%s","preferredLanguage":"zh-CN","firstVisitDate":"%s"}"""
                .formatted(mobile(), today);
        List<String[]> writes = List.of(new String[] {"POST", "/console/api/customers"},
                new String[] {"PUT", "/console/api/customers/" + seeds.get("customer")[0]},
                new String[] {"POST", "/console/api/sales/sales/" + seeds.get("sale")[0] + "/cancel"},
                new String[] {"POST", "/logout"});
        for (String[] write : writes) {
            for (String header : new String[] {null, "forged-" + UUID.randomUUID()}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + write[1]))
                        .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                        .method(write[0], HttpRequest.BodyPublishers.ofString(body));
                if (header != null) {
                    request.header("X-XSRF-TOKEN", header);
                }
                HttpResponse<String> r = browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                expect("API8 CSRF", r.statusCode() == 403,
                        write[0] + " " + write[1] + " with the session cookie and " + (header == null ? "no" : "a forged")
                                + " CSRF token → " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(gateway + "/console/api/customers"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf == null ? "" : xsrf)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        expect("API8 CSRF", withToken.statusCode() == 201, "a console write with the CSRF token → "
                + withToken.statusCode() + " " + abbreviate(withToken.body()));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    // ------------------------------------------------------------------------------------------------- plumbing

    void expect(String risk, boolean ok, String finding) {
        record(risk, ok);
        if (!ok) {
            findings.add(risk + ": " + finding);
        }
    }

    void record(String risk, boolean ok) {
        summary.compute(risk, (k, v) -> {
            int[] counts = v == null ? new int[2] : v;
            counts[0]++;
            if (ok) {
                counts[1]++;
            }
            return counts;
        });
    }

    @org.junit.jupiter.api.AfterAll
    void printSummary() {
        if (limitedGateway != null) {
            limitedGateway.thenAccept(RunningPlatform.Instance::kill); // resourceLimits stops it; this if it did not run
        }
        StringBuilder table = new StringBuilder("| risk | cases | passed |\n|---|---:|---:|\n");
        int total = 0;
        for (Map.Entry<String, int[]> row : new TreeMap<>(summary).entrySet()) {
            table.append("| ").append(row.getKey()).append(" | ").append(row.getValue()[0]).append(" | ")
                    .append(row.getValue()[1]).append(" |\n");
            total += row.getValue()[0];
        }
        table.append("| **all** | ").append(total).append(" | ").append(total - findings.size()).append(" |\n");
        System.out.println("OWASP API Security Top 10 matrix:\n" + table);
        synchronized (findings) {
            findings.forEach(f -> System.out.println("OWASP finding: " + f));
        }
    }

    static boolean isProblem(HttpResponse<String> r) {
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            return json(r).path("status").asInt() == r.statusCode();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /**
     * A seeding call: with an Idempotency-Key (REL-7), repeated while the gateway answers 502/503/504 (a service still
     * warming up on a loaded machine) or the service 409 (the first request with the key is still being handled), so a
     * retry cannot record twice.
     */
    HttpResponse<String> seedCall(String method, String path, String token, String body) {
        String key = "owasp-seed-" + UUID.randomUUID();
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> send(
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).method(method, HttpRequest.BodyPublishers.ofString(body)), token),
                r -> r.statusCode() != 409 && (r.statusCode() < 502 || r.statusCode() > 504));
    }

    /**
     * A request the gateway left unanswered (a defect seen under load and not yet explained): the threads of the gateway
     * and of every service, as they are right after the 30 s the client waited, go to
     * {@code target/unanswered-request-threads.txt}; once per run, never failing the test.
     */
    private void dumpAppThreads(String what) {
        if (!threadsDumped.compareAndSet(false, true)) {
            return;
        }
        try {
            StringBuilder dump = new StringBuilder(what).append(" (timed out at ").append(Instant.now()).append(")\n");
            for (String module : List.of("gateway", "customer-service", "sales-service", "aftersales-service",
                    "notification-service")) {
                long pid = platform.appPid(module);
                if (pid < 0) {
                    continue;
                }
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
                dump.append("==== ").append(module).append(" (pid ").append(pid).append(")\n")
                        .append(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                jcmd.waitFor(30, TimeUnit.SECONDS);
            }
            // the TCP queues of the gateway's connections: bytes the gateway has not read (Recv-Q on its side) or the
            // client has not sent (Send-Q on the client's side) tell which end holds the request
            int gatewayPort = URI.create(platform.gatewayUrl()).getPort();
            try {
                Process ss = new ProcessBuilder("ss", "-tn", "( sport = :" + gatewayPort + " or dport = :" + gatewayPort
                        + " )").redirectErrorStream(true).start();
                dump.append("==== ss -tn, gateway port ").append(gatewayPort).append('\n')
                        .append(new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                ss.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException noSs) {
                dump.append("==== ss not available: ").append(noSs).append('\n');
            }
            // the gateway's access log (PlatformFixture.GATEWAY_ACCESS_LOG): did it answer the request, and when?
            String path = URI.create(what.split(" ")[1]).getRawPath();
            Path gatewayLog = platform.logFile("gateway");
            List<String> answered = Files.exists(gatewayLog) ? Files.readAllLines(gatewayLog, StandardCharsets.UTF_8)
                    .stream().filter(line -> line.contains(path)).toList() : List.of();
            dump.append("==== the gateway's access log for ").append(path).append(" (").append(answered.size())
                    .append(" lines)\n");
            answered.forEach(line -> dump.append(line).append('\n'));
            System.out.println("OWASP matrix: the gateway's access log for " + path + ": " + answered);
            Path file = Path.of("target", "unanswered-request-threads.txt").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, dump);
            System.out.println("OWASP matrix: the apps' threads after an unanswered request: " + file);
        } catch (IOException | RuntimeException e) {
            System.out.println("OWASP matrix: could not take the apps' threads: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request, token);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return PlatformFixture.JSON.readTree(r.body());
    }

    static JsonNode created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return json(r);
    }

    static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String vin() {
        return DemoVins.vin("LFV", VIN_COUNTER.incrementAndGet());
    }

    static Rule rule(String methods, String path, String... roles) {
        return new Rule(Pattern.compile(methods), Pattern.compile(path), Set.of(roles));
    }

    record Rule(Pattern method, Pattern path, Set<String> roles) {
    }

    record Operation(String service, String method, String path, boolean hasBody) {
    }

    record Case(Operation op, String caller, String record) {
    }
}
