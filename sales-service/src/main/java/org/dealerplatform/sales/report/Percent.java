package org.dealerplatform.sales.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages as reports show them: two decimals, half up; {@code null} when there is nothing to compare with. */
public final class Percent {

    private Percent() {
    }

    public static BigDecimal of(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** Growth of {@code current} over {@code previous} in percent, e.g. 120 over 100 = 20.00. */
    public static BigDecimal growth(long current, long previous) {
        return previous == 0 ? null : of(current - previous, previous);
    }
}
