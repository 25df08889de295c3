package org.dealerplatform.sales.morning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a branch reviews at its morning meeting (SAL-8): the sales of the previous day, the new leads, the feedback
 * heard (visit outcomes, lead follow-up notes) and the follow-ups due today.
 */
public record MorningReport(String branchId, LocalDate date, LocalDate reportedDay, int salesCount, long salesAmountFen,
        List<SaleLine> sales, List<LeadLine> newLeads, List<Feedback> feedback, List<LeadLine> followUpsDueToday) {

    /** A sale of the reported day. */
    public record SaleLine(String saleId, String model, String segment, long amountFen, String salespeople, String status) {
    }

    /** A lead. */
    public record LeadLine(String leadId, String name, String source, String interestModel, String salespersonId,
            LocalDate nextFollowUpDate) {
    }

    /** Something a customer or prospect said. */
    public record Feedback(String kind, String who, String customer, String note) {
    }

    public static MorningReport of(String branchId, LocalDate date, List<SaleLine> sales, List<LeadLine> newLeads,
            List<Feedback> feedback, List<LeadLine> due) {
        long amount = sales.stream().filter(s -> "ACTIVE".equals(s.status())).mapToLong(SaleLine::amountFen).sum();
        int count = (int) sales.stream().filter(s -> "ACTIVE".equals(s.status())).count();
        return new MorningReport(branchId, date, date.minusDays(1), count, amount, sales, newLeads, feedback, due);
    }

    /** Rows for CSV: one per item, with its section. */
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(branchId, "summary", reportedDay.toString(), salesCount + " sales", salesAmountFen, ""));
        sales.forEach(s -> rows.add(List.of(branchId, "sale", s.saleId(), s.model() + " / " + s.segment(), s.amountFen(),
                s.salespeople() + " " + s.status())));
        newLeads.forEach(l -> rows.add(List.of(branchId, "new lead", l.leadId(), l.name() + " / " + l.source(), "",
                String.valueOf(l.interestModel()))));
        feedback.forEach(f -> rows.add(List.of(branchId, "feedback " + f.kind(), f.who(), String.valueOf(f.customer()), "", f.note())));
        followUpsDueToday.forEach(l -> rows.add(List.of(branchId, "follow-up due", l.leadId(), l.name(), "",
                String.valueOf(l.nextFollowUpDate()))));
        return rows;
    }
}
