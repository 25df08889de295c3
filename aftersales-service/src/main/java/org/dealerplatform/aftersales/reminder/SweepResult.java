package org.dealerplatform.aftersales.reminder;

import java.time.LocalDate;

/**
 * What one run of the reminder sweep did (AFT-3).
 *
 * @param examined  vehicles read (only pending ones due within the lead time: the index keeps the rest out)
 * @param reminded  MaintenanceDue events recorded now
 * @param contended vehicles another instance or request saved meanwhile (left to that instance or the next run)
 */
public record SweepResult(LocalDate today, LocalDate horizon, long examined, long reminded, long contended, int batches,
        long millis) {
}
