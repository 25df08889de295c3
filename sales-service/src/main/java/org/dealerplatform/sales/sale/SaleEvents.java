package org.dealerplatform.sales.sale;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * Events of a sale on {@code sales.sale.events}; payloads exactly as in contracts/EVENTS.md (customer-service and
 * aftersales-service consume them, and so does this service's own HQ roll-up).
 */
public sealed interface SaleEvents extends DomainEvent {

    /** A vehicle sale was recorded (SAL-1) with shared credit (SAL-11). */
    record SaleRecorded(String saleId, String branchId, String regionId, String customerId, List<SalesCredit> salespeople,
            Vehicle vehicle, Segment segment, long amountFen, LocalDate saleDate, Instant recordedAt) implements SaleEvents {
    }

    /** A sale was cancelled; figures that counted it must un-count it. */
    record SaleCancelled(String saleId, String branchId, String regionId, String customerId, long amountFen,
            LocalDate saleDate, String reason, Instant cancelledAt) implements SaleEvents {
    }

    /** A sale was corrected: full new values plus the previous ones, with the reason. */
    record SaleCorrected(String saleId, String branchId, String regionId, String customerId, List<SalesCredit> salespeople,
            Vehicle vehicle, Segment segment, long amountFen, LocalDate saleDate, long previousAmountFen,
            LocalDate previousSaleDate, String reason, Instant correctedAt) implements SaleEvents {
    }
}
