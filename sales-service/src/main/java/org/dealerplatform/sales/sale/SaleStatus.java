package org.dealerplatform.sales.sale;

/** Whether a sale counts: a cancelled sale stays on file (audit) but no figure counts it. */
public enum SaleStatus {
    ACTIVE, CANCELLED
}
