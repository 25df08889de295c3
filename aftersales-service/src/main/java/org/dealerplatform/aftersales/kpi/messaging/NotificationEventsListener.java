package org.dealerplatform.aftersales.kpi.messaging;

import java.time.Instant;

import org.dealerplatform.aftersales.campaign.application.InvitationOutcomes;
import org.dealerplatform.aftersales.kpi.application.RemindersSent;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/**
 * Maintenance reminders that reached customers (NotificationSent, purpose MAINTENANCE_DUE), for AFT-7; campaign
 * invitations that were suppressed, failed or sent after the campaign's end give their workshop slot back (AFT-8).
 */
@Component
public class NotificationEventsListener extends EventsListener {

    public static final String TOPIC = "notifications.notification.events";

    public NotificationEventsListener(EventDispatcher dispatcher, RemindersSent reminders, InvitationOutcomes invitations) {
        super(dispatcher.handlers("reminders-sent")
                .on(NotificationSent.class, (sent, event) -> {
                    if ("MAINTENANCE_DUE".equals(sent.purpose())) {
                        reminders.sent(sent.reasonKey(), sent.customerId(), sent.branchId(),
                                sent.sentAt() == null ? event.time() : sent.sentAt());
                    } else if ("CAMPAIGN_INVITATION".equals(sent.purpose())) {
                        invitations.sent(sent.reasonKey(), sent.sentAt() == null ? event.time() : sent.sentAt(), event);
                    }
                })
                .on(NotificationFailed.class, (failed, event) -> invitations.undelivered(failed.reasonKey(), event)),
                TOPIC);
    }

    /** The fields of NotificationFailed read here (status FAILED, BOUNCED or SUPPRESSED). */
    @EventType("dealer.notifications.NotificationFailed.v1")
    record NotificationFailed(String notificationId, String reasonKey, String customerId, String branchId, String status) {
    }

    /** The fields of NotificationSent read here. */
    @EventType("dealer.notifications.NotificationSent.v1")
    record NotificationSent(String notificationId, String reasonKey, String customerId, String branchId, String purpose,
            Instant sentAt) {
    }
}
