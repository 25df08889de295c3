package org.dealerplatform.sales.target;

import java.util.List;

import org.dealerplatform.sales.organisation.Level;

/**
 * The sales target of one unit for one year (SAL-2): the target to reach and the "task", the floor that must be
 * reached (e.g. Jiangsu: target 50 million yuan, task 30 million), each scheduled month by month.
 */
public record AnnualTarget(int year, Level level, String unitId, String branchId, long targetFen, long taskFen,
        List<Integer> weights, List<Long> monthlyTargetFen, List<Long> monthlyTaskFen) {

    /** Sets a target, scheduling both figures by the same weights (even if {@code null}). */
    public static AnnualTarget set(int year, Level level, String unitId, String branchId, long targetFen, long taskFen,
            List<Integer> weights) {
        if (targetFen < 0 || taskFen < 0) {
            throw new IllegalArgumentException("targets are zero or more");
        }
        if (taskFen > targetFen) {
            throw new IllegalArgumentException("the task is the floor: it cannot be above the target");
        }
        List<Integer> w = weights == null ? MonthlySchedule.even() : List.copyOf(weights);
        return new AnnualTarget(year, level, unitId, branchId, targetFen, taskFen, w,
                MonthlySchedule.split(targetFen, w), MonthlySchedule.split(taskFen, w));
    }

    /** No target set: zeros. */
    public static AnnualTarget none(int year, Level level, String unitId) {
        List<Long> zeros = java.util.Collections.nCopies(12, 0L);
        return new AnnualTarget(year, level, unitId, null, 0, 0, MonthlySchedule.even(), zeros, zeros);
    }

    /** Target of months {@code from..to} (1-based, inclusive). */
    public long targetFen(int from, int to) {
        return sum(monthlyTargetFen, from, to);
    }

    public long taskFen(int from, int to) {
        return sum(monthlyTaskFen, from, to);
    }

    private static long sum(List<Long> months, int from, int to) {
        long sum = 0;
        for (int m = from; m <= to; m++) {
            sum += months.get(m - 1);
        }
        return sum;
    }
}
