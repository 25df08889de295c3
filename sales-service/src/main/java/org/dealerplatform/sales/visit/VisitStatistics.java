package org.dealerplatform.sales.visit;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly customer visit statistics (SAL-7): visits planned in the month against those done, per salesperson and for
 * the branch, with VIP visits counted apart (VIP customers are visited first).
 */
public record VisitStatistics(String branchId, YearMonth month, List<Line> salespeople, Line branch) {

    /** Planned vs done for one salesperson (or the branch). */
    public record Line(String who, int planned, int done, int vipPlanned, int vipDone, BigDecimal donePercent) {
    }

    /** From the visits planned in {@code month} at the branch. */
    public static VisitStatistics of(String branchId, YearMonth month, List<Visit> visits) {
        Map<String, List<Visit>> bySalesperson = new TreeMap<>();
        for (Visit v : visits) {
            bySalesperson.computeIfAbsent(v.salespersonId(), k -> new ArrayList<>()).add(v);
        }
        List<Line> lines = new ArrayList<>();
        bySalesperson.forEach((who, theirs) -> lines.add(line(who, theirs)));
        return new VisitStatistics(branchId, month, lines, line(branchId, visits));
    }

    private static Line line(String who, List<Visit> visits) {
        int planned = 0;
        int done = 0;
        int vipPlanned = 0;
        int vipDone = 0;
        for (Visit v : visits) {
            if (v.status() == Visit.Status.CANCELLED) {
                continue;
            }
            planned++;
            boolean isDone = v.status() == Visit.Status.DONE;
            done += isDone ? 1 : 0;
            if (v.vip()) {
                vipPlanned++;
                vipDone += isDone ? 1 : 0;
            }
        }
        return new Line(who, planned, done, vipPlanned, vipDone,
                planned == 0 ? null : BigDecimal.valueOf(done * 10_000L / planned, 2));
    }
}
