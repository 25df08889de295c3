package org.dealerplatform.sales.holiday;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.IntFunction;

import org.dealerplatform.sales.report.DatePeriod;

/**
 * Business days from HQ's holiday calendars (SAL-8); a year without a calendar counts Monday to Friday. The morning
 * meeting of a day reviews everything since the previous business day: on a Tuesday, Monday; on a Monday, Friday to
 * Sunday; on the first day after the National Day week, the last working day before it up to yesterday.
 */
public class BusinessDays {

    /** Longer than any run of days off in China's calendar (the longest is about nine days). */
    private static final int SEARCH_DAYS = 60;

    private final IntFunction<Optional<HolidayCalendar>> calendars;

    public BusinessDays(IntFunction<Optional<HolidayCalendar>> calendars) {
        this.calendars = calendars;
    }

    public boolean isBusinessDay(LocalDate day) {
        return calendars.apply(day.getYear()).map(c -> c.isBusinessDay(day)).orElseGet(() -> HolidayCalendar.isMondayToFriday(day));
    }

    /** The last business day before {@code day}. */
    public LocalDate previousBusinessDay(LocalDate day) {
        LocalDate candidate = day.minusDays(1);
        for (int i = 0; i < SEARCH_DAYS && !isBusinessDay(candidate); i++) {
            candidate = candidate.minusDays(1);
        }
        return candidate;
    }

    /** The days the morning meeting of {@code meetingDay} covers: the previous business day up to the day before. */
    public DatePeriod coveredBy(LocalDate meetingDay) {
        return new DatePeriod(previousBusinessDay(meetingDay), meetingDay.minusDays(1));
    }
}
