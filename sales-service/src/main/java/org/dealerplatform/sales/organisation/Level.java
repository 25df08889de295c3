package org.dealerplatform.sales.organisation;

/** The levels of the organisation that targets and figures are kept for, from the top down (SAL-2, SAL-3, SAL-9). */
public enum Level {
    GROUP, REGION, BRANCH, SALESPERSON;

    /** The one unit of the {@link #GROUP} level. */
    public static final String GROUP_UNIT = "GROUP";

    /** The level directly below, or {@code null} for salespeople. */
    public Level child() {
        return this == SALESPERSON ? null : values()[ordinal() + 1];
    }

    /** True for levels that only HQ may look at (they span several branches). */
    public boolean spansBranches() {
        return this == GROUP || this == REGION;
    }
}
