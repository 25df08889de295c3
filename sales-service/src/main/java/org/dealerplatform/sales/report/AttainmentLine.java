package org.dealerplatform.sales.report;

import java.math.BigDecimal;

import org.dealerplatform.sales.rollup.Figures;

/** Actual against task and target over one period (SAL-3). */
public record AttainmentLine(String period, long actualFen, BigDecimal units, long taskFen, long targetFen,
        BigDecimal taskAttainmentPercent, BigDecimal targetAttainmentPercent, long shortOfTaskFen, long shortOfTargetFen) {

    public static AttainmentLine of(String period, Figures actual, long taskFen, long targetFen) {
        return new AttainmentLine(period, actual.amountFen(), actual.units(), taskFen, targetFen,
                Percent.of(actual.amountFen(), taskFen), Percent.of(actual.amountFen(), targetFen),
                Math.max(0, taskFen - actual.amountFen()), Math.max(0, targetFen - actual.amountFen()));
    }

    public java.util.List<Object> row() {
        return java.util.List.of(period, actualFen, units, taskFen, targetFen, String.valueOf(taskAttainmentPercent),
                String.valueOf(targetAttainmentPercent), shortOfTaskFen, shortOfTargetFen);
    }

    public static final java.util.List<String> HEADERS = java.util.List.of("period", "actualFen", "units", "taskFen",
            "targetFen", "taskAttainmentPercent", "targetAttainmentPercent", "shortOfTaskFen", "shortOfTargetFen");
}
