package org.dealerplatform.customer.history;

/** Kinds of entries in a customer's history (CUS-7). */
public enum HistoryKind {
    MAINTENANCE, NEXT_SERVICE_DUE, CAMPAIGN_INVITATION, FOLLOW_UP_CALL, CONTACT
}
