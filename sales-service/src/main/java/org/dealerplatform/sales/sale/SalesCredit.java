package org.dealerplatform.sales.sale;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The share of a sale credited to one salesperson, in whole percent (SAL-11). The shares of a sale sum to 100; the
 * salesperson figures count only their share, branch and above count the sale once.
 */
public record SalesCredit(String salespersonId, int sharePercent) {

    /** Why a list of credits is not acceptable, or {@code null} if it is. */
    public static String problemWith(List<SalesCredit> credits) {
        if (credits == null || credits.isEmpty()) {
            return "a sale credits at least one salesperson";
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (SalesCredit credit : credits) {
            if (credit.salespersonId() == null || credit.salespersonId().isBlank()) {
                return "every credit names a salesperson";
            }
            if (!seen.add(credit.salespersonId())) {
                return "salesperson " + credit.salespersonId() + " is credited twice";
            }
            if (credit.sharePercent() < 1 || credit.sharePercent() > 100) {
                return "a share is between 1 and 100 percent";
            }
            total += credit.sharePercent();
        }
        return total == 100 ? null : "the shares add up to " + total + "%, not 100%";
    }

    /**
     * Splits {@code amountFen} by the shares so that the parts add up exactly to the amount: each gets the floor of its
     * share, and the fen left over go one each to the first salespeople listed (the lead salesperson comes first).
     */
    public static Map<String, Long> split(List<SalesCredit> credits, long amountFen) {
        Map<String, Long> parts = new LinkedHashMap<>();
        long given = 0;
        for (SalesCredit credit : credits) {
            long part = Math.floorDiv(amountFen * credit.sharePercent(), 100);
            parts.put(credit.salespersonId(), part);
            given += part;
        }
        long left = amountFen - given;
        for (SalesCredit credit : credits) {
            if (left == 0) {
                break;
            }
            parts.merge(credit.salespersonId(), 1L, Long::sum);
            left--;
        }
        return parts;
    }
}
