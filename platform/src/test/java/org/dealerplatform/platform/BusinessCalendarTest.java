package org.dealerplatform.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    final BusinessCalendar calendar = new BusinessCalendar(Clock.fixed(Instant.parse("2026-12-04T02:00:00Z"),
            ZoneId.of("UTC")), ZoneId.of("Asia/Shanghai"));

    @Test
    @DisplayName("AFT-5 the next business day skips the weekend: Friday is followed by Monday, Tuesday by Wednesday")
    void nextBusinessDaySkipsWeekends() {
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 12, 4))).isEqualTo(LocalDate.of(2026, 12, 7)); // Fri
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 12, 5))).isEqualTo(LocalDate.of(2026, 12, 7)); // Sat
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 2)); // Tue
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 6))).isFalse();
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 4));
    }
}
