package org.dealerplatform.sales.sale;

/** Market segment of a sale (CUS-4): who bought. */
public enum Segment {
    INDIVIDUAL, GROUP_COMPANY, GOVERNMENT
}
