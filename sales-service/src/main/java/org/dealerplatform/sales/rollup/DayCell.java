package org.dealerplatform.sales.rollup;

import java.time.LocalDate;

import org.dealerplatform.sales.organisation.Level;

/**
 * The all-segments, all-models figure of one unit on one day, so that attainment "at any date" (SAL-3) counts the
 * month only up to that date, still with point reads (at most 31 per question).
 */
public record DayCell(Level level, String unitId, LocalDate day) {

    public String id() {
        return level + "|" + unitId + "|" + day;
    }
}
