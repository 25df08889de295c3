package org.dealerplatform.aftersales.kpi.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Remembers which maintenance reminders reached customers (NotificationSent, purpose MAINTENANCE_DUE), for reminder
 * conversion (AFT-7). Keyed by the reason key, so a reminder sent on two channels or delivered twice counts once.
 */
@Component
public class ReminderNotificationListener {

    static final String TOPIC = "notifications.notification.events";

    private final EventReader reader;
    private final IdempotentWrites writes;
    private final ZoneId zone;

    public ReminderNotificationListener(EventReader reader, IdempotentWrites writes, BusinessCalendar calendar) {
        this.reader = reader;
        this.writes = writes;
        this.zone = calendar.zone();
    }

    /** The fields of {@code dealer.notifications.NotificationSent.v1} read here. */
    record NotificationSent(String notificationId, String reasonKey, String customerId, String branchId, String purpose,
            Instant sentAt) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            if (!"dealer.notifications.NotificationSent.v1".equals(event.type())) {
                return;
            }
            NotificationSent sent = reader.data(event, NotificationSent.class);
            if (!"MAINTENANCE_DUE".equals(sent.purpose()) || sent.reasonKey() == null) {
                return;
            }
            String[] parts = sent.reasonKey().split(":");
            if (parts.length != 3 || !"maintenance-due".equals(parts[0])) {
                return; // not one of our reminders
            }
            Instant at = sent.sentAt() == null ? event.time() : sent.sentAt();
            writes.insertOnce(KpiQueries.REMINDERS, new Document("_id", sent.reasonKey())
                    .append("vin", parts[1])
                    .append("dueDate", parts[2])
                    .append("customerId", sent.customerId())
                    .append("branchId", sent.branchId())
                    .append("sentDate", at.atZone(zone).toLocalDate().toString())
                    .append("sentAt", Date.from(at)));
        }
    }
}
