package org.dealerplatform.customer.file;

import java.time.Instant;
import java.time.LocalDate;

import org.dealerplatform.platform.BusinessCalendar;

/**
 * The two-day rule (CUS-2): a file created by a visit must be complete by the end of the second day after the visit,
 * in the branches' zone ({@link BusinessCalendar#DEFAULT_ZONE}, Asia/Shanghai): visit 2026-11-20 → deadline 2026-11-23T00:00+08:00 = 2026-11-22T16:00Z.
 */
public final class FileDeadline {

    private FileDeadline() {
    }

    public static Instant forVisit(LocalDate visitDate) {
        return visitDate.plusDays(3).atStartOfDay(BusinessCalendar.DEFAULT_ZONE).toInstant();
    }

    /** True once the deadline has been reached (the deadline instant itself is already late). */
    public static boolean passed(Instant deadline, Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }
}
