package org.dealerplatform.notification.outbound;

/** Delivery status (NOT-5): QUEUED → SENT → DELIVERED / FAILED / BOUNCED; SUPPRESSED when policy forbids sending. */
public enum NotificationStatus {
    QUEUED, SENT, DELIVERED, FAILED, BOUNCED, SUPPRESSED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == BOUNCED || this == SUPPRESSED;
    }
}
