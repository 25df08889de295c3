package org.dealerplatform.customer.history.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.consent.application.OptOutReplies;
import org.dealerplatform.customer.history.application.CustomerTimeline;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/**
 * One listener for {@code notifications.notification.events} (one consumer group member per topic): contact history
 * for the customer 360 (CUS-7, NOT-6) and opt-out replies, which revoke consent for that channel (CUS-5, NOT-7).
 */
@Component
public class NotificationEventsListener extends EventsListener {

    public static final String TOPIC = "notifications.notification.events";

    public NotificationEventsListener(EventDispatcher dispatcher, CustomerTimeline timeline, OptOutReplies optOuts) {
        super(dispatcher.handlers("contact-history")
                .on("dealer.notifications.NotificationSent.v1", NotificationEvent.class, (n, event) -> timeline.contact(
                        n.notificationId(), n.reasonKey(), n.channel(), n.customerId(), n.branchId(), n.sentAt(),
                        details("purpose", n.purpose(), "provider", n.provider(), "sentAt", n.sentAt())))
                .on("dealer.notifications.NotificationDelivered.v1", NotificationEvent.class, (n, event) -> timeline.contact(
                        n.notificationId(), n.reasonKey(), n.channel(), n.customerId(), n.branchId(), null,
                        details("deliveredAt", n.deliveredAt())))
                .on("dealer.notifications.NotificationFailed.v1", NotificationEvent.class, (n, event) -> timeline.contact(
                        n.notificationId(), n.reasonKey(), n.channel(), n.customerId(), n.branchId(), null,
                        details("failedStatus", n.status(), "failureReason", n.reason(), "failedAt", n.failedAt())))
                .on(OptOut.class, (o, event) -> optOuts.optedOut(o.customerId(), o.channel(), o.receivedAt())), TOPIC);
    }

    /** Fields of NotificationSent / Delivered / Failed this service reads. */
    record NotificationEvent(String notificationId, String reasonKey, String customerId, String branchId,
            String channel, String purpose, String provider, String sentAt, String deliveredAt, String status,
            String reason, String failedAt) {
    }

    /** Fields of OptOutReceived this service reads. */
    @EventType("dealer.notifications.OptOutReceived.v1")
    record OptOut(String customerId, Channel channel, String keyword, Instant receivedAt) {
    }

    private static Map<String, Object> details(String... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
