package org.dealerplatform.sales.sale;

import java.time.LocalDate;
import java.util.List;

/** What a sale says, as shown before and after a change in the audit trail. */
public record SaleFacts(String customerId, List<SalesCredit> salespeople, Vehicle vehicle, Segment segment, long amountFen,
        LocalDate saleDate, SaleStatus status) {
}
