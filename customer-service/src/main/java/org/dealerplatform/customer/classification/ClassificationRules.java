package org.dealerplatform.customer.classification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dealerplatform.customer.file.CustomerClass;

/**
 * The classification rule versions of the group (CUS-3) and the classification itself: the rule in force on the
 * evaluation date applies to the purchases of the trailing 12 months, {@code (asOf − 12 months, asOf]}; a sale dated
 * exactly 12 months before {@code asOf} has left the window.
 */
public final class ClassificationRules {

    private final List<RuleVersion> versions;

    public ClassificationRules(List<RuleVersion> versions) {
        List<RuleVersion> sorted = new ArrayList<>(versions == null || versions.isEmpty() ? List.of(RuleVersion.defaults()) : versions);
        sorted.sort(Comparator.comparing(RuleVersion::effectiveFrom));
        this.versions = List.copyOf(sorted);
    }

    public List<RuleVersion> versions() {
        return versions;
    }

    /** The version in force on {@code date}: the latest effective on or before it (else the earliest). */
    public RuleVersion inForceOn(LocalDate date) {
        RuleVersion found = versions.get(0);
        for (RuleVersion version : versions) {
            if (!version.effectiveFrom().isAfter(date)) {
                found = version;
            }
        }
        return found;
    }

    public static LocalDate windowStart(LocalDate asOf) {
        return asOf.minusMonths(12).plusDays(1);
    }

    /** Classifies by the purchases (all the customer's active ones; those outside the window are ignored). */
    public Classification classify(List<Purchase> purchases, LocalDate asOf) {
        LocalDate from = windowStart(asOf);
        List<Purchase> counted = purchases.stream()
                .filter(p -> !p.saleDate().isBefore(from) && !p.saleDate().isAfter(asOf))
                .sorted(Comparator.comparing(Purchase::saleDate).thenComparing(Purchase::saleId))
                .toList();
        long amount = counted.stream().mapToLong(Purchase::amountFen).sum();
        int count = counted.size();
        RuleVersion rule = inForceOn(asOf);
        CustomerClass result;
        if (rule.vip().reachedBy(amount, count)) {
            result = CustomerClass.VIP;
        } else if (rule.firstClass().reachedBy(amount, count)) {
            result = CustomerClass.FIRST_CLASS;
        } else if (rule.secondClass().reachedBy(amount, count)) {
            result = CustomerClass.SECOND_CLASS;
        } else {
            result = CustomerClass.OTHER;
        }
        return new Classification(result, rule, from, asOf, amount, count, counted);
    }

    /** The answer to "why is this customer in this class?" (CUS-10). */
    public record Classification(CustomerClass customerClass, RuleVersion rule, LocalDate windowStart,
            LocalDate windowEnd, long purchaseAmountFen, int purchaseCount, List<Purchase> countedSales) {
    }
}
