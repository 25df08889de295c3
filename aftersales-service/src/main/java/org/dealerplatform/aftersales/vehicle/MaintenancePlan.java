package org.dealerplatform.aftersales.vehicle;

import org.dealerplatform.platform.domain.RuleViolation;


/**
 * A maintenance cycle (AFT-2): the first service after purchase and then every regular interval, each by months and
 * by kilometres, whichever comes first.
 */
public record MaintenancePlan(int firstMonths, long firstKm, int regularMonths, long regularKm) {

    public MaintenancePlan {
        if (firstMonths < 1 || regularMonths < 1 || firstKm < 1 || regularKm < 1) {
            throw new RuleViolation("plan", "every interval of a maintenance plan must be at least 1 month and 1 km");
        }
    }

    /** The plan of most passenger cars: first service at 5,000 km or 6 months, then every 10,000 km or 12 months. */
    public static final MaintenancePlan PASSENGER = new MaintenancePlan(6, 5_000, 12, 10_000);
    /** Commercial vehicles run more: first at 5,000 km or 3 months, then every 10,000 km or 6 months. */
    public static final MaintenancePlan COMMERCIAL = new MaintenancePlan(3, 5_000, 6, 10_000);
    /** Special-purpose vehicles (tank, chemical, sprinkler, cement): first at 3,000 km or 3 months, then 5,000 km or 6 months. */
    public static final MaintenancePlan SPECIAL_PURPOSE = new MaintenancePlan(3, 3_000, 6, 5_000);
}
