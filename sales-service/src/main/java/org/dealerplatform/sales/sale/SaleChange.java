package org.dealerplatform.sales.sale;

import java.time.Instant;

/** One entry of a sale's audit trail (SAL-1): who changed it, when, why, and what it said before and after. */
public record SaleChange(Kind kind, String by, Instant at, String reason, SaleFacts before, SaleFacts after) {

    /** What was done to the sale. */
    public enum Kind {
        CORRECTED, CANCELLED
    }
}
