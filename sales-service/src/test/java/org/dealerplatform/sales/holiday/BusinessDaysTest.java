package org.dealerplatform.sales.holiday;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.dealerplatform.sales.report.DatePeriod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    private final BusinessDays days = new BusinessDays(year -> year == 2026 ? Optional.of(ChinaHolidays.Y2026) : Optional.empty());

    @Test
    @DisplayName("SAL-8 the morning meeting covers the previous business day: Tuesday covers Monday, Monday covers Friday to Sunday")
    void previousBusinessDay() {
        assertThat(days.coveredBy(of(2026, 12, 1))).isEqualTo(new DatePeriod(of(2026, 11, 30), of(2026, 11, 30)));
        assertThat(days.coveredBy(of(2026, 11, 30))).isEqualTo(new DatePeriod(of(2026, 11, 27), of(2026, 11, 29)));
    }

    @Test
    @DisplayName("SAL-8 after the National Day week the meeting covers the last working day before it up to yesterday")
    void afterNationalDay() {
        assertThat(days.coveredBy(of(2026, 10, 8))).isEqualTo(new DatePeriod(of(2026, 9, 30), of(2026, 10, 7)));
    }

    @Test
    @DisplayName("SAL-8 adjusted working days are business days: Saturday 10 October 2026 and Sunday 4 January 2026 are worked")
    void adjustedWorkingDays() {
        assertThat(days.isBusinessDay(of(2026, 10, 10))).isTrue();
        assertThat(days.coveredBy(of(2026, 10, 12))).isEqualTo(new DatePeriod(of(2026, 10, 10), of(2026, 10, 11)));
        assertThat(days.coveredBy(of(2026, 1, 5))).isEqualTo(new DatePeriod(of(2026, 1, 4), of(2026, 1, 4)));
        assertThat(days.coveredBy(of(2026, 2, 24))).as("Spring Festival: Saturday 14 February is worked, 15 to 23 off")
                .isEqualTo(new DatePeriod(of(2026, 2, 14), of(2026, 2, 23)));
    }

    @Test
    @DisplayName("SAL-8 a year without a calendar counts Monday to Friday")
    void withoutCalendar() {
        assertThat(days.coveredBy(of(2030, 1, 7))).isEqualTo(new DatePeriod(of(2030, 1, 4), of(2030, 1, 6)));
        assertThat(days.isBusinessDay(of(2030, 1, 1))).isTrue();
    }

    @Test
    @DisplayName("SAL-8 the seeded 2026 calendar has the notice's 33 days off and 6 adjusted working days; a calendar's dates lie in its year, once each")
    void seededCalendarAndItsRules() {
        assertThat(ChinaHolidays.Y2026.holidays()).hasSize(33);
        assertThat(ChinaHolidays.Y2026.workingDays()).hasSize(6);
        assertThat(ChinaHolidays.Y2026.problemWith()).isNull();
        assertThat(ChinaHolidays.Y2027.problemWith()).isNull();
        assertThat(new HolidayCalendar(2026, List.of(new HolidayCalendar.Holiday(of(2027, 1, 1), "x")), List.of(), null)
                .problemWith()).isEqualTo("holiday 2027-01-01 is not in 2026");
        assertThat(new HolidayCalendar(2026, List.of(new HolidayCalendar.Holiday(of(2026, 1, 1), "x")), List.of(of(2026, 1, 1)),
                null).problemWith()).contains("both a holiday and a working day");
    }
}
