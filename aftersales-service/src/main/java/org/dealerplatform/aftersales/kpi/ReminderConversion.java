package org.dealerplatform.aftersales.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
        return whole == 0 ? null : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * The mean of {@code count} scores summing to {@code sum}, two decimals, half up, computed exactly (INT-4): the
     * double mean rounded 41/40 = 1.025 down to 1.02.
     */
    public static Double average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
