package org.dealerplatform.sales.holiday;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One year's public holidays and adjusted working days (调休: a Saturday or Sunday worked so that a holiday becomes a
 * longer break), as the State Council announces them and HQ enters them (SAL-8). A day is a business day when it is an
 * adjusted working day, or a Monday to Friday that is not a holiday.
 */
public record HolidayCalendar(int year, List<Holiday> holidays, List<LocalDate> workingDays, String source) {

    /** A day off and the festival it belongs to. */
    public record Holiday(LocalDate date, String name) {
    }

    public HolidayCalendar {
        holidays = List.copyOf(holidays);
        workingDays = List.copyOf(workingDays);
    }

    public boolean isBusinessDay(LocalDate day) {
        if (workingDays.contains(day)) {
            return true;
        }
        if (holidays.stream().anyMatch(h -> h.date().equals(day))) {
            return false;
        }
        return isMondayToFriday(day);
    }

    /** The days of a year without a calendar: Monday to Friday. */
    public static boolean isMondayToFriday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** What is wrong with the calendar, or {@code null}: every date in its year, none twice, none both off and worked. */
    public String problemWith() {
        Set<LocalDate> seen = new HashSet<>();
        for (Holiday holiday : holidays) {
            if (holiday.date().getYear() != year) {
                return "holiday " + holiday.date() + " is not in " + year;
            }
            if (!seen.add(holiday.date())) {
                return "holiday " + holiday.date() + " is listed twice";
            }
        }
        for (LocalDate day : workingDays) {
            if (day.getYear() != year) {
                return "working day " + day + " is not in " + year;
            }
            if (!seen.add(day)) {
                return day + " is listed twice, or as both a holiday and a working day";
            }
        }
        return null;
    }
}
