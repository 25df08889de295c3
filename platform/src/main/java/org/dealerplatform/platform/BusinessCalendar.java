package org.dealerplatform.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * "Today" for the business: dates are the branch's dates (Asia/Shanghai by default, {@code dealer.business-zone}),
 * whatever zone the server runs in, and come from the injectable clock so tests can fix time.
 */
public record BusinessCalendar(Clock clock, ZoneId zone) {

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }
}
