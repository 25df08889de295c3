package org.dealerplatform.sales.target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits an annual amount into twelve monthly amounts by weights (even: all weights 1), in whole fen, so that the months
 * add up exactly to the year (SAL-2). Each month gets the floor of its exact share; the fen left over go one each to
 * the months with the largest remainders (ties: the earlier month), so no month is more than one fen off its share.
 */
public final class MonthlySchedule {

    public static final int MONTHS = 12;

    private MonthlySchedule() {
    }

    public static List<Integer> even() {
        return java.util.Collections.nCopies(MONTHS, 1);
    }

    /** Why the weights cannot be used, or {@code null}. */
    public static String problemWith(List<Integer> weights) {
        if (weights == null || weights.size() != MONTHS) {
            return "give exactly 12 monthly weights";
        }
        if (weights.stream().anyMatch(w -> w == null || w < 0)) {
            return "a weight is zero or more";
        }
        return weights.stream().mapToLong(Integer::longValue).sum() == 0 ? "at least one month needs a weight" : null;
    }

    public static List<Long> split(long annualFen, List<Integer> weights) {
        String problem = problemWith(weights);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long totalWeight = weights.stream().mapToLong(Integer::longValue).sum();
        long[] months = new long[MONTHS];
        long[] remainders = new long[MONTHS];
        long given = 0;
        for (int m = 0; m < MONTHS; m++) {
            long exact = annualFen * weights.get(m);
            months[m] = Math.floorDiv(exact, totalWeight);
            remainders[m] = Math.floorMod(exact, totalWeight);
            given += months[m];
        }
        long left = annualFen - given;
        List<Integer> order = IntStream.range(0, MONTHS).boxed()
                .sorted(Comparator.<Integer>comparingLong(m -> remainders[m]).reversed().thenComparing(m -> m)).toList();
        for (int i = 0; i < left; i++) {
            months[order.get(i)]++;
        }
        List<Long> result = new ArrayList<>(MONTHS);
        for (long month : months) {
            result.add(month);
        }
        return result;
    }
}
