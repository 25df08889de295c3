package org.dealerplatform.aftersales.kpi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reminder conversion (AFT-7): a reminded vehicle counts as converted when it was serviced on the day of the reminder
 * or within {@code windowDays} after it.
 */
public final class ReminderConversion {

    private ReminderConversion() {
    }

    /** A reminder that reached a customer about a vehicle on a day. */
    public record Reminder(String vin, LocalDate sentDate) {
    }

    public static long converted(Collection<Reminder> reminders, Map<String, List<LocalDate>> serviceDatesByVin,
            int windowDays) {
        long converted = 0;
        for (Reminder reminder : reminders) {
            LocalDate until = reminder.sentDate().plusDays(windowDays);
            boolean serviced = serviceDatesByVin.getOrDefault(reminder.vin(), List.of()).stream()
                    .anyMatch(d -> !d.isBefore(reminder.sentDate()) && !d.isAfter(until));
            if (serviced) {
                converted++;
            }
        }
        return converted;
    }

    public static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
