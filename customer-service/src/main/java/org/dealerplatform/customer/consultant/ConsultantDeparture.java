package org.dealerplatform.customer.consultant;

import java.time.Instant;

/**
 * A salesperson who left {@code branchId}; {@code successorId} took over their customers (UI-3). Learnt from
 * sales-service's {@code SalespersonDeactivated}: this service keeps no staff list of its own.
 */
public record ConsultantDeparture(String salespersonId, String branchId, String successorId, Instant departedAt) {
}
