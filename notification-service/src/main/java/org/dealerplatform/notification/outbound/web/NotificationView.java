package org.dealerplatform.notification.outbound.web;

import java.time.Instant;
import java.util.List;

import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.Purpose;

/** A notification as staff see it; the recipient's number or address is masked (PIPL: show what staff need). */
public record NotificationView(String id, String customerId, String branchId, Purpose purpose, NotificationStatus status,
        Channel channel, List<Channel> failedChannels, String provider, int attempts, Instant nextAttemptAt,
        String reason, String recipient, String subject, String body, Instant createdAt, Instant sentAt,
        Instant deliveredAt, Instant failedAt, String letterBatchId, String callOutcome, long version) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.customerId(), n.branchId(), n.purpose(), n.status(), n.channel(),
                n.excludedChannels(), n.provider(), n.attempts(), n.nextAttemptAt(), n.reason(), mask(n.recipient()),
                n.subject(), n.body(), n.createdAt(), n.sentAt(), n.deliveredAt(), n.failedAt(), n.letterBatchId(),
                n.callOutcome(), n.version());
    }

    static String mask(String recipient) {
        if (recipient == null) {
            return null;
        }
        if (recipient.matches("\\d{11}")) {
            return recipient.substring(0, 3) + "****" + recipient.substring(7);
        }
        int at = recipient.indexOf('@');
        if (at > 1) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        return recipient;
    }
}
