package org.dealerplatform.sales.morning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.sales.report.AttainmentLine;
import org.dealerplatform.sales.report.DatePeriod;
import org.dealerplatform.sales.report.YearOverYear;

/**
 * What a branch reviews at its morning meeting (SAL-8): everything since the previous business day
 * ({@code coveredFrom..coveredTo}: on a Monday, Friday to Sunday; after a holiday, the last working day before it up to
 * yesterday): the sales, the new leads, the feedback heard (visit outcomes, lead follow-up notes); the follow-ups due
 * today; the month to date (up to {@code coveredTo}) against the monthly schedule, and against the same days of last
 * year (SAL-5).
 */
public record MorningReport(String branchId, LocalDate date, LocalDate coveredFrom, LocalDate coveredTo, int salesCount,
        long salesAmountFen, List<SaleLine> sales, List<LeadLine> newLeads, List<Feedback> feedback,
        List<LeadLine> followUpsDueToday, AttainmentLine monthToDate, YearOverYear.Comparison monthToDateSamePeriod) {

    /** A sale of the covered days. */
    public record SaleLine(String saleId, LocalDate saleDate, String model, String segment, long amountFen, String salespeople,
            String status) {
    }

    /** A lead. */
    public record LeadLine(String leadId, String name, String source, String interestModel, String salespersonId,
            LocalDate nextFollowUpDate) {
    }

    /** Something a customer or prospect said. */
    public record Feedback(String kind, String who, String customer, String note) {
    }

    public static MorningReport of(String branchId, LocalDate date, DatePeriod covered, List<SaleLine> sales,
            List<LeadLine> newLeads, List<Feedback> feedback, List<LeadLine> due, AttainmentLine monthToDate,
            YearOverYear.Comparison samePeriod) {
        long amount = sales.stream().filter(s -> "ACTIVE".equals(s.status())).mapToLong(SaleLine::amountFen).sum();
        int count = (int) sales.stream().filter(s -> "ACTIVE".equals(s.status())).count();
        return new MorningReport(branchId, date, covered.from(), covered.to(), count, amount, sales, newLeads, feedback, due,
                monthToDate, samePeriod);
    }

    /** Rows for CSV: one per item, with its section. */
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(branchId, "summary", coveredFrom + ".." + coveredTo, salesCount + " sales", salesAmountFen, ""));
        rows.add(List.of(branchId, "month to date", monthToDate.period(), "schedule " + yuan(monthToDate.targetFen()) + ", task "
                + yuan(monthToDate.taskFen()), monthToDate.actualFen(), percent("of schedule", monthToDate.targetAttainmentPercent())));
        rows.add(List.of(branchId, "same period last year", monthToDateSamePeriod.previousFrom() + ".."
                + monthToDateSamePeriod.previousTo(), "", monthToDateSamePeriod.previousFen(),
                percent("growth", monthToDateSamePeriod.growthPercent())));
        sales.forEach(s -> rows.add(List.of(branchId, "sale", s.saleId(), s.saleDate() + " " + s.model() + " / " + s.segment(),
                s.amountFen(), s.salespeople() + " " + s.status())));
        newLeads.forEach(l -> rows.add(List.of(branchId, "new lead", l.leadId(), l.name() + " / " + l.source(), "",
                String.valueOf(l.interestModel()))));
        feedback.forEach(f -> rows.add(List.of(branchId, "feedback " + f.kind(), f.who(), String.valueOf(f.customer()), "", f.note())));
        followUpsDueToday.forEach(l -> rows.add(List.of(branchId, "follow-up due", l.leadId(), l.name(), "",
                String.valueOf(l.nextFollowUpDate()))));
        return rows;
    }

    /** Fen as yuan with two decimals, for amounts written into text cells (ECO-4). */
    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private static String percent(String what, BigDecimal value) {
        return value == null ? "" : what + " " + value + "%";
    }
}
