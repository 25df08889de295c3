package org.dealerplatform.aftersales.kpi.application;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import org.bson.Document;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.stereotype.Service;

/**
 * Remembers which maintenance reminders reached customers, for reminder conversion (AFT-7). Keyed by the reason key, so
 * a reminder sent on two channels or delivered twice counts once.
 */
@Service
public class RemindersSent {

    private final IdempotentWrites writes;
    private final ZoneId zone;

    public RemindersSent(IdempotentWrites writes, BusinessCalendar calendar) {
        this.writes = writes;
        this.zone = calendar.zone();
    }

    /** A notification was sent for {@code reasonKey}; only this service's reminders ({@code maintenance-due:<vin>:<date>}) count. */
    public void sent(String reasonKey, String customerId, String branchId, Instant at) {
        String[] parts = reasonKey == null ? new String[0] : reasonKey.split(":");
        if (parts.length != 3 || !"maintenance-due".equals(parts[0])) {
            return; // not one of our reminders
        }
        writes.insertOnce(KpiQueries.REMINDERS, new Document("_id", reasonKey)
                .append("vin", parts[1])
                .append("dueDate", parts[2])
                .append("customerId", customerId)
                .append("branchId", branchId)
                .append("sentDate", at.atZone(zone).toLocalDate().toString())
                .append("sentAt", Date.from(at)));
    }
}
