package org.dealerplatform.sales.rollup;

import java.time.LocalDate;

import org.dealerplatform.sales.organisation.Level;

/**
 * The figure of one unit on one day for a segment, a model and a vehicle category ({@link RollupCell#ALL} = all; a
 * category only across all models, as in {@link RollupCell}), so that attainment "at any date" (SAL-3) and the same
 * period of last year (SAL-5) count a month only up to a date, also for one segment, model or category, still with
 * point reads (at most 31 per month edge). The all-segments, all-models, all-categories cell keeps its short id.
 */
public record DayCell(Level level, String unitId, LocalDate day, String segment, String model, String category) {

    /** The all-segments, all-models figure of a unit on a day. */
    public DayCell(Level level, String unitId, LocalDate day) {
        this(level, unitId, day, RollupCell.ALL, RollupCell.ALL);
    }

    /** A day cell of every category. */
    public DayCell(Level level, String unitId, LocalDate day, String segment, String model) {
        this(level, unitId, day, segment, model, RollupCell.ALL);
    }

    public String id() {
        String id = level + "|" + unitId + "|" + day;
        if (RollupCell.ALL.equals(segment) && RollupCell.ALL.equals(model) && RollupCell.ALL.equals(category)) {
            return id;
        }
        id = id + "|" + segment + "|" + model;
        return RollupCell.ALL.equals(category) ? id : id + "|" + category;
    }
}
