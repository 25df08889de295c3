package org.dealerplatform.local;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Annual targets and tasks for this year and last (SAL-2), set by HQ: the group, the two regions (Jiangsu: a 50 million
 * yuan target with a 30 million task, as in the sales department's plan) and every branch, with a weighted monthly
 * schedule (the off-season months lighter).
 */
public final class TargetDemoLoader implements DemoDataLoader {

    private static final long YUAN = 100;
    private static final List<Integer> WEIGHTS = List.of(6, 6, 9, 8, 8, 8, 7, 7, 9, 10, 10, 12);

    @Override
    public String name() {
        return "targets";
    }

    @Override
    public String load(DemoData.Context context) throws Exception {
        String hq = context.tokens().token("demo-hq", null, "HQ");
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        int set = 0;
        for (int y = year - 1; y <= year; y++) {
            set += put(context, hq, y, "GROUP", "GROUP", 90_000_000 * YUAN, 55_000_000 * YUAN);
            set += put(context, hq, y, "REGION", "JIANGSU", 50_000_000 * YUAN, 30_000_000 * YUAN);
            set += put(context, hq, y, "REGION", "ZHEJIANG", 40_000_000 * YUAN, 25_000_000 * YUAN);
            for (DemoData.Branch branch : context.branches()) {
                boolean jiangsu = branch.id().startsWith("JS");
                long target = (jiangsu ? 16_000_000 : 20_000_000) * YUAN;
                set += put(context, hq, y, "BRANCH", branch.id(), target, target * 6 / 10);
            }
        }
        return set + " annual targets with monthly schedules";
    }

    private static int put(DemoData.Context context, String token, int year, String level, String unit, long targetFen,
            long taskFen) throws Exception {
        DemoData.Context.Response response = context.putJson("/api/sales/targets/" + year + "/" + level + "/" + unit, token,
                Map.of("targetFen", targetFen, "taskFen", taskFen, "weights", WEIGHTS));
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("PUT target " + year + "/" + level + "/" + unit + " answered "
                    + response.status() + ": " + response.body());
        }
        return 1;
    }
}
