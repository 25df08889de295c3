package org.dealerplatform.notification.outbound;

import java.time.Instant;

import org.dealerplatform.platform.events.DomainEvent;

/** Contact history events (NOT-6) on {@code notifications.notification.events}; payloads as in contracts/EVENTS.md. */
public sealed interface NotificationEvents extends DomainEvent {

    /** Handed to a provider or to staff (NOT-5). */
    record NotificationSent(String notificationId, String reasonKey, String customerId, String branchId,
            Channel channel, Purpose purpose, String provider, Instant sentAt) implements NotificationEvents {
    }

    /** A provider (or a staff call outcome) confirmed delivery (NOT-5). */
    record NotificationDelivered(String notificationId, String reasonKey, String customerId, String branchId,
            Channel channel, Instant deliveredAt) implements NotificationEvents {
    }

    /** Failed, bounced or suppressed for good (NOT-3, NOT-5). */
    record NotificationFailed(String notificationId, String reasonKey, String customerId, String branchId,
            Channel channel, NotificationStatus status, String reason, Instant failedAt) implements NotificationEvents {
    }
}
