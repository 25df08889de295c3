package org.dealerplatform.local;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Two years of sales (SAL-1, SAL-11): two salespeople per branch, one or two vehicles for each demo customer spread
 * over the last 24 months, a third of them with shared credit, special-purpose vehicles for group and government
 * customers. A branch that already has sales is skipped, so a rerun records nothing twice.
 */
public final class SalesDemoLoader implements DemoDataLoader {

    private static final String[][] CARS = {
            {"Passat 330TSI", "PASSENGER_CAR", "219800"}, {"Lavida 1.5L", "PASSENGER_CAR", "129900"},
            {"Tiguan L 380TSI", "SUV", "279900"}, {"Teramont 530", "SUV", "359900"}, {"Viloran 380TSI", "MPV", "339900"}};
    private static final String[][] SPECIAL = {
            {"Dongfeng tank car 8t", "TANK_CAR", "458000"}, {"Sinotruk sprinkler 12t", "SPRINKLER", "386000"},
            {"Foton bulk cement truck", "BULK_CEMENT_TRUCK", "512000"}, {"JAC chemical truck", "CHEMICAL_TRUCK", "468000"}};

    @Override
    public String name() {
        return "sales";
    }

    @Override
    public String load(DemoData.Context context) throws Exception {
        String hq = context.tokens().token("demo-hq", null, "HQ");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        int recorded = context.perBranch((b, branch) -> {
            JsonNode existing = context.json(context.get("/api/sales/sales?branchId=" + branch.id() + "&size=1", hq));
            if (existing.path("totalElements").asLong() > 0) {
                return 0;
            }
            List<String> salespeople = salespeople(context, hq, branch);
            String token = context.tokens().token("demo-sales-" + branch.id().toLowerCase(Locale.ROOT), branch.id(), "SALES");
            JsonNode customers = context.json(context.get("/api/customers?size=200&sort=name", token)).path("content");
            int branchRecorded = 0;
            for (int i = 0; i < customers.size(); i++) {
                JsonNode customer = customers.get(i);
                int vehicles = i % 4 == 0 ? 2 : 1;
                for (int v = 0; v < vehicles; v++) {
                    LocalDate date = today.minusDays(1 + ((long) i * 41 + b * 17L + v * 173L) % 725);
                    branchRecorded += record(context, token, branch, salespeople, customer, b, i, v, date);
                }
            }
            return branchRecorded;
        });
        return recorded + " sales over two years";
    }

    private static List<String> salespeople(DemoData.Context context, String hq, DemoData.Branch branch) throws Exception {
        String[] names = {"李强", "赵敏"};
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            String id = DemoUsers.salespersonId(branch.id(), s + 1);
            DemoData.Context.Response response = context.putJson("/api/sales/salespeople/" + id, hq,
                    Map.of("name", names[s], "branchId", branch.id()));
            if (response.status() / 100 != 2) {
                throw new IllegalStateException("PUT salesperson " + id + " answered " + response.status() + ": " + response.body());
            }
            ids.add(id);
        }
        return ids;
    }

    private static int record(DemoData.Context context, String token, DemoData.Branch branch, List<String> salespeople,
            JsonNode customer, int b, int i, int v, LocalDate date) throws Exception {
        String segment = customer.path("type").asString();
        boolean special = !"INDIVIDUAL".equals(segment);
        String[] car = special ? SPECIAL[(i + v) % SPECIAL.length] : CARS[(i * 3 + b + v) % CARS.length];
        long yuan = Long.parseLong(car[2]) - ((i * 1_300L + v * 700L) % 12_000);
        List<Map<String, Object>> credit = i % 3 == 0
                ? List.of(Map.of("salespersonId", salespeople.get(0), "sharePercent", 60),
                        Map.of("salespersonId", salespeople.get(1), "sharePercent", 40))
                : List.of(Map.of("salespersonId", salespeople.get((i + v) % 2), "sharePercent", 100));
        Map<String, Object> vehicle = new LinkedHashMap<>();
        vehicle.put("vin", DemoVins.vin("LSV", b * 10_000L + i * 10L + v));
        vehicle.put("model", car[0]);
        vehicle.put("category", car[1]);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("branchId", branch.id());
        sale.put("customerId", customer.path("id").asString());
        sale.put("salespeople", credit);
        sale.put("vehicle", vehicle);
        sale.put("segment", segment);
        sale.put("amountFen", yuan * 100);
        sale.put("saleDate", date.toString());
        DemoData.Context.Response response = context.postJson("/api/sales/sales", token, sale);
        // INT-1: the customer must be in sales-service's replica, fed by customer-service's events; a customer registered
        // a moment ago arrives there within a second, so a 422 on customerId is retried for a while
        for (int attempt = 0; attempt < 100 && response.status() == 422 && response.body().contains("customerId"); attempt++) {
            Thread.sleep(200);
            response = context.postJson("/api/sales/sales", token, sale);
        }
        if (response.status() != 201) {
            throw new IllegalStateException("POST /api/sales/sales for " + branch.id() + " answered " + response.status()
                    + ": " + response.body() + " (request: " + sale + ")");
        }
        return 1;
    }
}
