package org.dealerplatform.notification.outbound.delivery;

import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/** Applies provider delivery receipts (NOT-5): SENT → DELIVERED / BOUNCED / FAILED; a repeated receipt is a no-op. */
@Component
public class DeliveryReceipts {

    /** What a provider reports about a message it accepted. */
    public enum Outcome {
        DELIVERED, UNDELIVERABLE, FAILED
    }

    private final NotificationStore notifications;
    private final MeterRegistry meters;

    public DeliveryReceipts(NotificationStore notifications, MeterRegistry meters) {
        this.notifications = notifications;
        this.meters = meters;
    }

    /**
     * @param reference the notification id we sent as reference (preferred), or null to look up {@code messageId}
     * @return whether the notification changed
     */
    public boolean apply(String provider, String reference, String messageId, Outcome outcome, String error, Instant at) {
        for (int attempt = 0; ; attempt++) {
            // by reference: an _id lookup, with the provider checked here ({_id, provider} would scan every
            // notification on the embedded server); by message id alone (a provider that drops our reference, e.g.
            // Tencent's receipts, ECO-1): the provider_message index of NotificationStore
            Optional<Notification> found = reference != null
                    ? notifications.findById(reference).filter(n -> provider.equals(n.provider()))
                    : notifications.findOne(Criteria.where("providerMessageId").is(messageId).and("provider").is(provider));
            Notification notification = found
                    .orElseThrow(() -> new NotFoundException("message of " + provider, reference != null ? reference : messageId));
            if (notification.status() == NotificationStatus.QUEUED) {
                throw new ConflictException("the message is not recorded as sent yet; retry the receipt", null);
            }
            boolean changed = switch (outcome) {
                case DELIVERED -> notification.delivered(at);
                case UNDELIVERABLE -> notification.undeliverable(NotificationStatus.BOUNCED,
                        error == null ? "undeliverable" : error, at);
                case FAILED -> notification.undeliverable(NotificationStatus.FAILED, error == null ? "failed" : error, at);
            };
            if (!changed) {
                return false;
            }
            try {
                notifications.update(notification);
                meters.counter("dealer.notifications.receipts", "outcome", outcome.name()).increment();
                return true;
            } catch (ConcurrentModificationException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }
}
