package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;

/**
 * The next maintenance due (AFT-2): the date, the odometer reading it is due at, and which rule came first.
 *
 * @param projectedKmDate the day the km rule is projected to be reached, or null when it cannot be projected yet
 */
public record NextDue(LocalDate date, long mileageKm, Rule rule, LocalDate projectedKmDate) {

    /** Which side of the plan decided the date. */
    public enum Rule {
        /** the months of the plan run out first */
        TIME,
        /** the vehicle reaches the kilometres of the plan first (projected from its km per day) */
        DISTANCE
    }
}
