package org.dealerplatform.customer.classification;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One effective-dated version of the classification thresholds (CUS-3, CUS-10). A class is reached when the trailing
 * 12-month purchase amount reaches its amount OR the number of vehicles bought reaches its count (0 = not used).
 */
public record RuleVersion(String version, LocalDate effectiveFrom, Threshold vip, Threshold firstClass,
        Threshold secondClass) {

    public RuleVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(vip, "vip");
        Objects.requireNonNull(firstClass, "firstClass");
        Objects.requireNonNull(secondClass, "secondClass");
    }

    /** Amount in fen and/or number of vehicles; either reached is enough. */
    public record Threshold(long amountFen, int vehicles) {

        public boolean reachedBy(long purchasedFen, int purchasedVehicles) {
            return (amountFen > 0 && purchasedFen >= amountFen) || (vehicles > 0 && purchasedVehicles >= vehicles);
        }
    }

    /** The defaults documented in the README: VIP ≥ 1,000,000 yuan or ≥ 3 vehicles, first class ≥ 300,000 yuan or ≥ 2, second class any purchase. */
    public static RuleVersion defaults() {
        return new RuleVersion("default", LocalDate.of(2000, 1, 1), new Threshold(100_000_000L, 3),
                new Threshold(30_000_000L, 2), new Threshold(1L, 1));
    }
}
