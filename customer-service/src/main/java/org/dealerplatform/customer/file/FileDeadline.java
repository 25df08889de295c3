package org.dealerplatform.customer.file;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The two-day rule (CUS-2): a file created by a visit must be complete by the end of the second day after the visit,
 * in the branch's time zone (Asia/Shanghai): visit 2026-11-20 → deadline 2026-11-23T00:00+08:00 = 2026-11-22T16:00Z.
 */
public final class FileDeadline {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private FileDeadline() {
    }

    public static Instant forVisit(LocalDate visitDate) {
        return visitDate.plusDays(3).atStartOfDay(BUSINESS_ZONE).toInstant();
    }

    /** True once the deadline has been reached (the deadline instant itself is already late). */
    public static boolean passed(Instant deadline, Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }
}
