package org.dealerplatform.sales.visit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dealerplatform.platform.domain.RuleViolation;

/**
 * SAL-7: the VIP visit plan of a quarter. One planned visit for each VIP customer of the branch who has none (planned or
 * done) in the quarter, spread evenly over the quarter's remaining business days (Monday to Friday, from today or the
 * quarter's first day, whichever is later, to its last day): customers in name order, the i-th of n on business day
 * ⌊i·D/n⌋ of the D days; salespeople take turns in id order.
 */
public final class VipVisitPlan {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** A VIP customer to visit. */
    public record Customer(String id, String name) {
    }

    /** One visit the plan proposes. */
    public record Proposal(String customerId, String customerName, String salespersonId, LocalDate date) {
    }

    private VipVisitPlan() {
    }

    /** The first and last day of a quarter written {@code 2027-Q1}; null if it is not one. */
    public static LocalDate[] quarter(String quarter) {
        Matcher m = quarter == null ? null : QUARTER.matcher(quarter);
        if (m == null || !m.matches()) {
            return null;
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        return new LocalDate[] {start, start.plusMonths(3).minusDays(1)};
    }

    /** Monday to Friday from {@code from} to {@code to}, both included. */
    public static List<LocalDate> businessDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    /** The proposals for {@code customers} (those without a visit in the quarter) over {@code days}. */
    public static List<Proposal> spread(List<Customer> customers, List<String> salespeople, List<LocalDate> days) {
        if (customers.isEmpty()) {
            return List.of();
        }
        if (salespeople.isEmpty()) {
            throw new RuleViolation("branchId", "the branch has no active salesperson to visit its VIP customers");
        }
        if (days.isEmpty()) {
            throw new RuleViolation("quarter", "no business day is left in the quarter");
        }
        List<Customer> ordered = customers.stream()
                .sorted(Comparator.comparing((Customer c) -> c.name() == null ? "" : c.name()).thenComparing(Customer::id))
                .toList();
        List<String> people = salespeople.stream().sorted().toList();
        List<Proposal> proposals = new ArrayList<>();
        int n = ordered.size();
        for (int i = 0; i < n; i++) {
            Customer c = ordered.get(i);
            proposals.add(new Proposal(c.id(), c.name(), people.get(i % people.size()),
                    days.get((int) ((long) i * days.size() / n))));
        }
        return proposals;
    }
}
