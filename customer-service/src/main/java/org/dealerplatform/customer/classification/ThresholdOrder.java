package org.dealerplatform.customer.classification;

import java.util.Optional;

/**
 * What thresholds HQ enters must keep (CUS-3): every class is reached by a positive amount, a higher class needs a
 * larger amount, and where vehicle counts are used (0 = not used) a higher class needs more vehicles than a lower one.
 * Otherwise a class could never be reached, or a customer who bought nothing would be classified.
 */
public final class ThresholdOrder {

    /** The first field that breaks the order, as the request names it ({@code firstClass.amountFen}). */
    public record Problem(String field, String message) {
    }

    private ThresholdOrder() {
    }

    public static Optional<Problem> problemWith(RuleVersion.Threshold vip, RuleVersion.Threshold firstClass,
            RuleVersion.Threshold secondClass) {
        RuleVersion.Threshold[] levels = {vip, firstClass, secondClass};
        String[] names = {"vip", "firstClass", "secondClass"};
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].amountFen() <= 0) {
                return Optional.of(new Problem(names[i] + ".amountFen", "must be a positive amount in fen"));
            }
            if (levels[i].vehicles() < 0) {
                return Optional.of(new Problem(names[i] + ".vehicles", "must be 0 (not used) or a positive count"));
            }
        }
        for (int lower = 1; lower < levels.length; lower++) {
            for (int higher = 0; higher < lower; higher++) {
                if (levels[lower].amountFen() >= levels[higher].amountFen()) {
                    return Optional.of(new Problem(names[lower] + ".amountFen", "must be below the " + names[higher]
                            + " amount (" + levels[higher].amountFen() + " fen)"));
                }
                if (levels[lower].vehicles() > 0 && levels[higher].vehicles() > 0
                        && levels[lower].vehicles() >= levels[higher].vehicles()) {
                    return Optional.of(new Problem(names[lower] + ".vehicles", "must be below the " + names[higher]
                            + " vehicle count (" + levels[higher].vehicles() + ")"));
                }
            }
        }
        return Optional.empty();
    }
}
