package org.dealerplatform.sales.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of calendar days, both ends included, as reports compare them (SAL-5). The same period of the previous year is
 * one year off both ends, so a period ending 2028-02-29 is compared with one ending 2027-02-28; a period may span a
 * year boundary.
 */
public record DatePeriod(LocalDate from, LocalDate to) {

    public DatePeriod {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The same calendar days a year earlier: one year off both ends (29 February becomes 28 February). */
    public DatePeriod previousYear() {
        return new DatePeriod(from.minusYears(1), to.minusYears(1));
    }

    /** The period cut at calendar month ends: one piece per month it touches, each inside one month. */
    public List<DatePeriod> byMonth() {
        List<DatePeriod> pieces = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = YearMonth.from(start).plusMonths(1).atDay(1)) {
            LocalDate monthEnd = YearMonth.from(start).atEndOfMonth();
            pieces.add(new DatePeriod(start, monthEnd.isBefore(to) ? monthEnd : to));
        }
        return pieces;
    }

    /** Whether the period is exactly one calendar month, so the month's roll-up cell answers it. */
    public boolean isWholeMonth() {
        return from.getDayOfMonth() == 1 && to.equals(YearMonth.from(from).atEndOfMonth());
    }

    /** Every day of the period. */
    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** "2026-12" for a whole month, "2026-12-01..2026-12-15" otherwise. */
    public String label() {
        return isWholeMonth() ? YearMonth.from(from).toString() : from + ".." + to;
    }
}
