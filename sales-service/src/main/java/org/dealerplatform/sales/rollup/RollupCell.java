package org.dealerplatform.sales.rollup;

import java.time.YearMonth;

import org.dealerplatform.sales.organisation.Level;

/**
 * The address of one roll-up document: a unit of a level (the group, a region, a branch, a salesperson), a month, a
 * segment, a model and a vehicle category (CUS-4), where {@link #ALL} stands for "every segment" / "every model" /
 * "every category". A model determines its category, so a category is cut only across all models: the cells of a
 * category have model {@link #ALL}. Its id is readable and deterministic, so a report reads exactly the cells it needs
 * by id; cells of every category keep the id they had before the category dimension.
 */
public record RollupCell(Level level, String unitId, YearMonth month, String segment, String model, String category) {

    public static final String ALL = "*";

    /** A cell of every category. */
    public RollupCell(Level level, String unitId, YearMonth month, String segment, String model) {
        this(level, unitId, month, segment, model, ALL);
    }

    public String id() {
        String id = level + "|" + unitId + "|" + month + "|" + segment + "|" + model;
        return ALL.equals(category) ? id : id + "|" + category;
    }

    /** The all-segments, all-models cell of a unit and month: the figure attainment and YoY read. */
    public static RollupCell total(Level level, String unitId, YearMonth month) {
        return new RollupCell(level, unitId, month, ALL, ALL);
    }
}
