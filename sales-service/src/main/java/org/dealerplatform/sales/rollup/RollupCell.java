package org.dealerplatform.sales.rollup;

import java.time.YearMonth;

import org.dealerplatform.sales.organisation.Level;

/**
 * The address of one roll-up document: a unit of a level (the group, a region, a branch, a salesperson), a month, a
 * segment and a model, where {@link #ALL} stands for "every segment" / "every model". Its id is readable and
 * deterministic, so a report reads exactly the cells it needs by id.
 */
public record RollupCell(Level level, String unitId, YearMonth month, String segment, String model) {

    public static final String ALL = "*";

    public String id() {
        return level + "|" + unitId + "|" + month + "|" + segment + "|" + model;
    }

    /** The all-segments, all-models cell of a unit and month: the figure attainment and YoY read. */
    public static RollupCell total(Level level, String unitId, YearMonth month) {
        return new RollupCell(level, unitId, month, ALL, ALL);
    }
}
