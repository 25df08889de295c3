package org.dealerplatform.platform;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * "Today" for the business: dates are the branch's dates (Asia/Shanghai by default, {@code dealer.business-zone}),
 * whatever zone the server runs in, and come from the injectable clock so tests can fix time.
 *
 * <p>Business days are Monday to Friday here; public holidays and adjusted working days (an HQ-kept calendar, SAL-8)
 * belong in {@link #isBusinessDay} once that calendar exists, so every rule asking for "the next business day" follows.
 */
public record BusinessCalendar(Clock clock, ZoneId zone) {

    /**
     * The branches' zone when {@code dealer.business-zone} names none: the one place it is written. Services take
     * "today" from the {@link BusinessCalendar} bean; plain domain rules with no bean at hand (the two-day rule's
     * deadline, the default customer zone of the contact policy) use this constant.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    /** The business date of {@code instant} (e.g. the day a notification went out, in the branches' zone). */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** Whether staff work on {@code date}: weekends are not business days. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The first business day after {@code date} (Friday → Monday). */
    public LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
