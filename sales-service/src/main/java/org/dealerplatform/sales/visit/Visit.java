package org.dealerplatform.sales.visit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.platform.domain.RuleViolation;

/**
 * A planned customer visit by a salesperson and, once done, its outcome (SAL-7). The VIP flag is the customer's class
 * (from the customer replica), never the caller's say; a planned visit can be moved (each move kept) or cancelled.
 */
public record Visit(String id, String branchId, String salespersonId, String customerId, String customerName, boolean vip,
        LocalDate plannedDate, String purpose, Status status, LocalDate doneDate, String outcome, String plannedBy,
        List<Move> moves, String cancelReason) {

    /** Where a visit stands. */
    public enum Status {
        PLANNED, DONE, CANCELLED
    }

    /** A reschedule: from which date to which, why and by whom. */
    public record Move(LocalDate from, LocalDate to, String reason, String by) {
    }

    public Visit {
        moves = moves == null ? List.of() : List.copyOf(moves);
    }

    public static Visit plan(String id, String branchId, String salespersonId, String customerId, String customerName,
            boolean vip, LocalDate plannedDate, String purpose, String by) {
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, Status.PLANNED,
                null, null, by, List.of(), null);
    }

    /** The visit took place; the outcome is what the customer said or decided. */
    public Visit complete(LocalDate on, String outcome) {
        requirePlanned("completed");
        if (outcome == null || outcome.isBlank()) {
            throw new RuleViolation("outcome", "say what came of the visit");
        }
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, Status.DONE, on,
                outcome.strip(), plannedBy, moves, cancelReason);
    }

    /** SAL-7: moves a planned visit to another date; the move is kept with its reason. */
    public Visit reschedule(LocalDate to, String reason, String by) {
        requirePlanned("rescheduled");
        if (to.equals(plannedDate)) {
            throw new RuleViolation("plannedDate", "the visit is planned for " + to + " already");
        }
        List<Move> all = new ArrayList<>(moves);
        all.add(new Move(plannedDate, to, reason, by));
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, to, purpose, Status.PLANNED, null, null,
                plannedBy, all, null);
    }

    /** SAL-7: a planned visit that will not take place; it stays on file but no statistic counts it. */
    public Visit cancel(String reason) {
        requirePlanned("cancelled");
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, Status.CANCELLED,
                null, null, plannedBy, moves, reason);
    }

    /** The same visit with the VIP flag of the customer's current class. */
    public Visit withVip(boolean vip) {
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, status, doneDate,
                outcome, plannedBy, moves, cancelReason);
    }

    private void requirePlanned(String what) {
        if (status != Status.PLANNED) {
            throw new RuleViolation("status", "only a planned visit can be " + what + "; this one is " + status);
        }
    }
}
