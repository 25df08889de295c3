package org.dealerplatform.aftersales.vehicle;

/**
 * What kind of job a work order was (AFT-2): only a maintenance restarts the maintenance cycle; a repair, warranty or
 * accident job says nothing about when the next oil change is due.
 */
public enum JobType {
    MAINTENANCE, REPAIR, WARRANTY, ACCIDENT, OTHER;

    /** Whether this job starts a new maintenance interval (AFT-2: maintenance only). */
    public boolean restartsMaintenanceCycle() {
        return this == MAINTENANCE;
    }
}
