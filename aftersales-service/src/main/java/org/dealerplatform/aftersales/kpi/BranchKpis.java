package org.dealerplatform.aftersales.kpi;

/**
 * The after-sales figures of one branch and month (AFT-7). Money in fen.
 *
 * @param remindersSent        MaintenanceDue reminders sent to customers in the month (from notification events)
 * @param remindersConverted   of those, vehicles serviced within the conversion window after the reminder
 * @param conversionPercent    converted / sent × 100, one decimal; null when nothing was sent
 * @param satisfactionAverage  mean score of the follow-up calls recorded in the month; null when none
 * @param openComplaints       complaints of the branch still open now
 */
public record BranchKpis(String branchId, String month, long services, long revenueFen, long partsFen, long labourFen,
        long remindersSent, long remindersConverted, Double conversionPercent, long satisfactionResponses,
        Double satisfactionAverage, long openComplaints) {
}
