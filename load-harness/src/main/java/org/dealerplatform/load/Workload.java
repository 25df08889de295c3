package org.dealerplatform.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.dealerplatform.local.DemoData;
import org.dealerplatform.local.DemoVins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data and callers a load run needs: per branch four salespeople, each also a token subject of their own (the
 * gateway limits each subject to 200 requests/s, so 20 subjects carry 1,000 sales/s with room to spare), and a set of
 * customers already in sales-service's replica, so every sale names a customer the branch may sell to (INT-1).
 */
final class Workload {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final int SELLERS_PER_BRANCH = 4;

    /** One salesperson: their id in sales-service and a token with their branch. */
    record Seller(String branchId, String salespersonId, String token) {
    }

    private final Target target;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase(Locale.ROOT);
    final String hqToken;
    final List<Seller> sellers = new ArrayList<>();
    final List<List<String>> customersBySeller = new ArrayList<>();

    Workload(Target target, HttpClient http) {
        this.target = target;
        this.http = http;
        this.hqToken = target.token("load-hq", null, "HQ");
    }

    /** Salespeople and {@code customersPerBranch} registered customers per branch, waited for in sales-service's replica. */
    void prepare(int customersPerBranch) throws Exception {
        int mobile = ThreadLocalRandom.current().nextInt(10_000_000, 90_000_000);
        List<String> lastCustomers = new ArrayList<>();
        for (DemoData.Branch branch : DemoData.BRANCHES) {
            List<Seller> branchSellers = new ArrayList<>();
            for (int s = 1; s <= SELLERS_PER_BRANCH; s++) {
                String id = "load-" + branch.id().toLowerCase(Locale.ROOT) + "-" + s;
                expect(2, send(put(target.gatewayUrl() + "/api/sales/salespeople/" + id, hqToken,
                        "{\"name\":\"压测销售" + s + "\",\"branchId\":\"" + branch.id() + "\"}")), "PUT salesperson " + id);
                Seller seller = new Seller(branch.id(), id, target.token(id, branch.id(), "SALES"));
                branchSellers.add(seller);
                sellers.add(seller);
                customersBySeller.add(new ArrayList<>());
            }
            for (int c = 0; c < customersPerBranch; c++) {
                Seller seller = branchSellers.get(c % SELLERS_PER_BRANCH);
                HttpResponse<String> created = send(post(target.gatewayUrl() + "/api/customers", seller.token(),
                        "{\"name\":\"压测客户" + run + "-" + c + "\",\"mobile\":\"139" + (mobile++) + "\"}"));
                expect(2, created, "POST /api/customers");
                String id = json.readTree(created.body()).path("id").asString();
                customersBySeller.get(sellers.indexOf(seller)).add(id);
                if (c == customersPerBranch - 1) {
                    lastCustomers.add(id);
                }
            }
        }
        try (Replicas replicas = new Replicas(target)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!replicas.salesReplicaHasAll(lastCustomers)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sales-service's customer replica did not receive the load's customers in 120 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** The {@code n}-th sale of this run: seller and customer round robin, a new VIN each, dated today. */
    HttpRequest sale(String baseUrl, long n) {
        Seller seller = sellers.get((int) (n % sellers.size()));
        List<String> customers = customersBySeller.get((int) (n % sellers.size()));
        String customer = customers.get((int) ((n / sellers.size()) % customers.size()));
        String body = "{\"customerId\":\"" + customer + "\",\"salespeople\":[{\"salespersonId\":\"" + seller.salespersonId()
                + "\",\"sharePercent\":100}],\"vehicle\":{\"vin\":\"" + DemoVins.vin(vinPrefix(n), n) + "\",\"model\":\"Passat 330TSI\"},\"segment\":\"INDIVIDUAL\","
                + "\"amountFen\":" + (21_980_000 + n % 1_000 * 100) + ",\"saleDate\":\"" + today() + "\"}";
        return post(baseUrl + "/api/sales/sales", seller.token(), body);
    }

    /** A manufacturer prefix per run and per million sales, so VINs stay unique across runs against one platform. */
    private String vinPrefix(long n) {
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        return "L" + letters.charAt(Math.floorMod(run.hashCode(), letters.length()))
                + letters.charAt((int) ((n / 1_000_000) % letters.length()));
    }

    /** Units in HQ's roll-up for the whole group this month, read straight from sales-service. */
    long groupUnitsThisMonth() throws Exception {
        String month = YearMonth.now(BUSINESS_ZONE).toString();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(target.serviceUrl("sales-service")
                + "/api/hq/rollups?level=GROUP&unitId=GROUP&from=" + month + "&to=" + month))
                .header("Authorization", "Bearer " + hqToken).timeout(Duration.ofSeconds(10)).GET().build());
        expect(2, answer, "GET /api/hq/rollups");
        return json.readTree(answer.body()).path("totalUnits").asLong();
    }

    /** The first customer of a branch's first seller, and that seller's branch's tokens (several subjects). */
    String someCustomer() {
        return customersBySeller.get(0).get(0);
    }

    List<String> tokensOfBranch(String branchId) {
        return sellers.stream().filter(s -> s.branchId().equals(branchId)).map(Seller::token).toList();
    }

    static LocalDate today() {
        return LocalDate.now(BUSINESS_ZONE);
    }

    static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpRequest put(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void expect(int statusClass, HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != statusClass) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
