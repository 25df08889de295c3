package org.dealerplatform.sales.visit;

import java.time.LocalDate;

/** A planned customer visit by a salesperson and, once done, its outcome (SAL-7). */
public record Visit(String id, String branchId, String salespersonId, String customerId, String customerName, boolean vip,
        LocalDate plannedDate, String purpose, Status status, LocalDate doneDate, String outcome, String plannedBy) {

    /** Where a visit stands. */
    public enum Status {
        PLANNED, DONE, CANCELLED
    }

    public static Visit plan(String id, String branchId, String salespersonId, String customerId, String customerName,
            boolean vip, LocalDate plannedDate, String purpose, String by) {
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, Status.PLANNED,
                null, null, by);
    }

    /** The visit took place; the outcome is what the customer said or decided. */
    public Visit complete(LocalDate on, String outcome) {
        if (status != Status.PLANNED) {
            throw new IllegalStateException("only a planned visit can be completed; this one is " + status);
        }
        if (outcome == null || outcome.isBlank()) {
            throw new IllegalArgumentException("say what came of the visit");
        }
        return new Visit(id, branchId, salespersonId, customerId, customerName, vip, plannedDate, purpose, Status.DONE, on,
                outcome.strip(), plannedBy);
    }
}
