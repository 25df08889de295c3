package org.dealerplatform.sales.holiday;

import static java.time.LocalDate.of;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.sales.holiday.HolidayCalendar.Holiday;

/**
 * The calendars seeded into an empty installation; HQ replaces them (and adds later years) through the API. 2026 is the
 * State Council's notice for 2026 (33 days off, 6 adjusted working days). The notice for 2027 was not available when
 * this was written: 2027 holds only the statutory holidays of the 2024 holiday regulations (New Year 1 day, Spring
 * Festival 4, Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3) and no adjusted working days, and
 * says so in its {@code source}; HQ enters the notice when it is published.
 */
public final class ChinaHolidays {

    private ChinaHolidays() {
    }

    public static final HolidayCalendar Y2026 = new HolidayCalendar(2026, concat(
            run("New Year's Day", of(2026, 1, 1), of(2026, 1, 3)),
            run("Spring Festival", of(2026, 2, 15), of(2026, 2, 23)),
            run("Qingming Festival", of(2026, 4, 4), of(2026, 4, 6)),
            run("Labour Day", of(2026, 5, 1), of(2026, 5, 5)),
            run("Dragon Boat Festival", of(2026, 6, 19), of(2026, 6, 21)),
            run("Mid-Autumn Festival", of(2026, 9, 25), of(2026, 9, 27)),
            run("National Day", of(2026, 10, 1), of(2026, 10, 7))),
            List.of(of(2026, 1, 4), of(2026, 2, 14), of(2026, 2, 28), of(2026, 5, 9), of(2026, 9, 20), of(2026, 10, 10)),
            "State Council notice on the 2026 holiday arrangements");

    public static final HolidayCalendar Y2027 = new HolidayCalendar(2027, concat(
            run("New Year's Day", of(2027, 1, 1), of(2027, 1, 1)),
            run("Spring Festival", of(2027, 2, 5), of(2027, 2, 8)),
            run("Qingming Festival", of(2027, 4, 5), of(2027, 4, 5)),
            run("Labour Day", of(2027, 5, 1), of(2027, 5, 2)),
            run("Dragon Boat Festival", of(2027, 6, 9), of(2027, 6, 9)),
            run("Mid-Autumn Festival", of(2027, 9, 15), of(2027, 9, 15)),
            run("National Day", of(2027, 10, 1), of(2027, 10, 3))),
            List.of(),
            "PROVISIONAL: statutory holidays only; replace with the State Council notice for 2027 (adjusted working days)");

    public static final List<HolidayCalendar> ALL = List.of(Y2026, Y2027);

    private static List<Holiday> run(String name, LocalDate first, LocalDate last) {
        return first.datesUntil(last.plusDays(1)).map(d -> new Holiday(d, name)).toList();
    }

    @SafeVarargs
    private static List<Holiday> concat(List<Holiday>... runs) {
        List<Holiday> all = new ArrayList<>();
        for (List<Holiday> run : runs) {
            all.addAll(run);
        }
        return all;
    }
}
