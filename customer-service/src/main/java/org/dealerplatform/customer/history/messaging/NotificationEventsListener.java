package org.dealerplatform.customer.history.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.customer.history.HistoryKind;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One listener for {@code notifications.notification.events} (one consumer group member per topic): contact history
 * for the customer 360 (CUS-7, NOT-6) and opt-out replies, which revoke consent for that channel (CUS-5, NOT-7).
 */
@Component
public class NotificationEventsListener {

    static final String TOPIC = "notifications.notification.events";

    private final EventReader reader;
    private final CustomerHistory history;
    private final CustomerStore customers;
    private final Clock clock;

    public NotificationEventsListener(EventReader reader, CustomerHistory history, CustomerStore customers, Clock clock) {
        this.reader = reader;
        this.history = history;
        this.customers = customers;
        this.clock = clock;
    }

    /** Fields of NotificationSent / Delivered / Failed this service reads. */
    record NotificationEvent(String notificationId, String reasonKey, String customerId, String branchId,
            String channel, String purpose, String provider, String sentAt, String deliveredAt, String status,
            String reason, String failedAt) {
    }

    /** Fields of OptOutReceived this service reads. */
    record OptOut(String customerId, Channel channel, String keyword, Instant receivedAt) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            switch (event.type()) {
                case "dealer.notifications.NotificationSent.v1" -> {
                    NotificationEvent n = reader.data(event, NotificationEvent.class);
                    Map<String, Object> fields = common(n);
                    fields.put("purpose", n.purpose());
                    fields.put("provider", n.provider());
                    fields.put("sentAt", n.sentAt());
                    history.put("contact:" + n.notificationId(), HistoryKind.CONTACT, n.customerId(), n.branchId(),
                            n.sentAt(), fields);
                }
                case "dealer.notifications.NotificationDelivered.v1" -> {
                    NotificationEvent n = reader.data(event, NotificationEvent.class);
                    Map<String, Object> fields = common(n);
                    fields.put("deliveredAt", n.deliveredAt());
                    history.put("contact:" + n.notificationId(), HistoryKind.CONTACT, n.customerId(), n.branchId(),
                            null, fields);
                }
                case "dealer.notifications.NotificationFailed.v1" -> {
                    NotificationEvent n = reader.data(event, NotificationEvent.class);
                    Map<String, Object> fields = common(n);
                    fields.put("failedStatus", n.status());
                    fields.put("failureReason", n.reason());
                    fields.put("failedAt", n.failedAt());
                    history.put("contact:" + n.notificationId(), HistoryKind.CONTACT, n.customerId(), n.branchId(),
                            null, fields);
                }
                case "dealer.notifications.OptOutReceived.v1" -> optOut(reader.data(event, OptOut.class));
                default -> {
                    // not relevant here
                }
            }
        }
    }

    private static Map<String, Object> common(NotificationEvent n) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("notificationId", n.notificationId());
        fields.put("reasonKey", n.reasonKey());
        fields.put("channel", n.channel());
        return fields;
    }

    /** Revokes the channel's consent (source SMS_REPLY); an unknown customer is not an error of this event. */
    private void optOut(OptOut optOut) {
        for (int attempt = 1; ; attempt++) {
            var customer = customers.findById(customers.currentId(optOut.customerId())).orElse(null);
            if (customer == null || customer.status() != org.dealerplatform.customer.customer.Customer.Status.ACTIVE) {
                return;
            }
            if (!customer.optOut(optOut.channel(), "SMS_REPLY", optOut.receivedAt(), clock.instant())) {
                return;
            }
            try {
                customers.update(customer);
                return;
            } catch (ConcurrentModificationException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
