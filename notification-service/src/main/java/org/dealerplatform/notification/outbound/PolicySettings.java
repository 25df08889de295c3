package org.dealerplatform.notification.outbound;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.dealerplatform.platform.BusinessCalendar;

/**
 * The rules of polite contact (NOT-3), all configurable under {@code dealer.notifications.policy}.
 *
 * @param defaultZone   time zone of customers whose file names none
 * @param quietStart    start of the quiet hours in the customer's zone (e.g. 21:00); equal to {@code quietEnd}: none
 * @param quietEnd      end of the quiet hours (e.g. 08:00)
 * @param quietChannels channels the quiet hours apply to (SMS and calls wake people up; e-mail and letters do not)
 * @param capMax        at most this many notifications per customer, across channels, ...
 * @param capWindow     ... within this rolling window
 * @param maxDeferral   a notification deferred beyond this age is suppressed instead (stale reminders are worse than none)
 * @param unknownContactRetry how long to wait when the customer's contact replica has not arrived yet
 */
public record PolicySettings(ZoneId defaultZone, LocalTime quietStart, LocalTime quietEnd, Set<Channel> quietChannels,
        int capMax, Duration capWindow, Duration maxDeferral, Duration unknownContactRetry) {

    public static PolicySettings defaults() {
        return new PolicySettings(BusinessCalendar.DEFAULT_ZONE, LocalTime.of(21, 0), LocalTime.of(8, 0),
                Set.of(Channel.SMS, Channel.PHONE), 3, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(10));
    }
}
