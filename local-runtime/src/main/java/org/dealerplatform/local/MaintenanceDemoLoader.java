package org.dealerplatform.local;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Maintenance records (AFT-1) for the vehicles sold in the demo: a first service about six months after the sale and a
 * regular one a year later where that date has passed, so every vehicle has a next due date (AFT-2) and the reminder
 * sweep has work (AFT-3). A branch that already has work orders is skipped, so a rerun records nothing twice.
 */
public final class MaintenanceDemoLoader implements DemoDataLoader {

    @Override
    public String name() {
        return "maintenance";
    }

    @Override
    public String load(DemoData.Context context) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String hq = context.tokens().token("demo-hq", null, "HQ");
        int recorded = context.perBranch((b, branch) -> {
            int branchRecorded = 0;
            String advisor = context.tokens().token("demo-advisor-" + branch.id().toLowerCase(Locale.ROOT), branch.id(),
                    "SERVICE_ADVISOR");
            if (context.json(context.get("/api/aftersales/work-orders?size=1", advisor)).path("totalElements").asLong() > 0) {
                return 0;
            }
            JsonNode sales = context.json(context.get("/api/sales/sales?branchId=" + branch.id() + "&size=200", hq))
                    .path("content");
            for (int i = 0; i < sales.size(); i++) {
                JsonNode sale = sales.get(i);
                String vin = sale.path("vehicle").path("vin").asString();
                LocalDate sold = LocalDate.parse(sale.path("saleDate").asString());
                LocalDate first = sold.plusMonths(6).plusDays(i % 9);
                if (!first.isBefore(today)) {
                    continue;
                }
                awaitVehicle(context, advisor, vin);
                long kmPerMonth = 900 + (i % 7) * 150L;
                branchRecorded += record(context, advisor, vin, first, kmPerMonth * 6, List.of("首保 first service", "机油 oil", "机滤 oil filter"), 38_000, 0);
                LocalDate second = first.plusMonths(12).minusDays(i % 20);
                if (second.isBefore(today)) {
                    branchRecorded += record(context, advisor, vin, second, kmPerMonth * 18,
                            List.of("常规保养 regular service", "空滤 air filter", "刹车检查 brake check"), 86_000, 32_000);
                }
            }
            return branchRecorded;
        });
        return recorded + " work orders";
    }

    /** The sale reaches after-sales as an event; wait until the vehicle is known there (seconds at most). */
    private static void awaitVehicle(DemoData.Context context, String token, String vin) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (context.get("/api/aftersales/vehicles/" + vin, token).status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("vehicle " + vin + " never reached aftersales-service (is sales.sale.events flowing?)");
    }

    private static int record(DemoData.Context context, String token, String vin, LocalDate date, long km,
            List<String> items, long partsFen, long labourFen) throws Exception {
        DemoData.Context.Response response = context.postJson("/api/aftersales/work-orders", token, Map.of(
                "vin", vin, "jobType", "MAINTENANCE", "serviceDate", date.toString(), "mileageKm", km, "items", items,
                "partsFen", partsFen, "labourFen", labourFen == 0 ? 15_000 : labourFen, "technician", "tech-demo"));
        if (response.status() != 201) {
            throw new IllegalStateException("POST work order for " + vin + " answered " + response.status() + ": "
                    + response.body());
        }
        return 1;
    }
}
