package org.dealerplatform.sales.rollup;

import java.time.LocalDate;

import org.dealerplatform.sales.organisation.Level;

/**
 * The figure of one unit on one day for a segment and a model ({@link RollupCell#ALL} = all), so that attainment "at
 * any date" (SAL-3) and the same period of last year (SAL-5) count a month only up to a date, also for one segment or
 * model, still with point reads (at most 31 per month edge). The all-segments, all-models cell keeps its short id.
 */
public record DayCell(Level level, String unitId, LocalDate day, String segment, String model) {

    /** The all-segments, all-models figure of a unit on a day. */
    public DayCell(Level level, String unitId, LocalDate day) {
        this(level, unitId, day, RollupCell.ALL, RollupCell.ALL);
    }

    public String id() {
        String id = level + "|" + unitId + "|" + day;
        return RollupCell.ALL.equals(segment) && RollupCell.ALL.equals(model) ? id : id + "|" + segment + "|" + model;
    }
}
