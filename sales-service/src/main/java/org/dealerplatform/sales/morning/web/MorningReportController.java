package org.dealerplatform.sales.morning.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.lead.Lead;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.morning.MorningReport;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.report.ReportTable;
import org.dealerplatform.sales.report.web.Exports;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The morning-meeting report (SAL-8): a branch sees its own; HQ one branch or all. */
@RestController
@Validated
@Tag(name = "Morning meeting", description = "SAL-8 daily report: yesterday's sales, leads and feedback per branch")
public class MorningReportController {

    private final SaleStore sales;
    private final LeadStore leads;
    private final VisitStore visits;
    private final OrganisationDirectory directory;
    private final Clock clock;

    public MorningReportController(SaleStore sales, LeadStore leads, VisitStore visits, OrganisationDirectory directory, Clock clock) {
        this.sales = sales;
        this.leads = leads;
        this.visits = visits;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping("/api/sales/morning-report")
    @Operation(summary = "The report for the morning meeting of {date} (default today): the day before's sales, new leads, feedback, and follow-ups due")
    public ResponseEntity<?> report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv", message = "must be json or csv") String format,
            Caller caller) {
        LocalDate day = date == null ? LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))) : date;
        List<String> branches;
        if (branchId != null) {
            caller.requireVisible(branchId, "branch", branchId);
            directory.branch(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
            branches = List.of(branchId);
        } else if (caller.isHq()) {
            branches = directory.branches().stream().map(Branch::id).toList();
        } else {
            branches = List.of(caller.branchId());
        }
        List<MorningReport> reports = branches.stream().map(b -> report(b, day)).toList();
        List<List<Object>> rows = new ArrayList<>();
        reports.forEach(r -> rows.addAll(r.rows()));
        return Exports.answer(reports, new ReportTable("Morning report " + day, List.of("branchId", "section", "id", "what",
                "amountFen", "note"), rows), format, "morning-report-" + day);
    }

    private MorningReport report(String branchId, LocalDate day) {
        LocalDate yesterday = day.minusDays(1);
        List<MorningReport.SaleLine> saleLines = sales.ofBranchOn(branchId, yesterday).stream()
                .map(s -> new MorningReport.SaleLine(s.id(), s.vehicle().model(), s.segment().name(), s.amountFen(),
                        s.salespeople().stream().map(c -> c.salespersonId() + " " + c.sharePercent() + "%").collect(Collectors.joining(", ")),
                        s.status().name()))
                .toList();
        List<MorningReport.LeadLine> newLeads = leads.createdOn(branchId, yesterday).stream().map(MorningReportController::line).toList();
        List<MorningReport.Feedback> feedback = new ArrayList<>();
        visits.doneOn(branchId, yesterday).forEach(v -> feedback.add(new MorningReport.Feedback("visit", v.salespersonId(),
                v.customerName() == null ? v.customerId() : v.customerName(), v.outcome())));
        for (Lead lead : leads.followedUpOn(branchId, yesterday)) {
            lead.followUps().stream().filter(f -> f.date().equals(yesterday))
                    .forEach(f -> feedback.add(new MorningReport.Feedback("lead", f.by(), lead.name(), f.note())));
        }
        List<MorningReport.LeadLine> due = leads.dueOn(branchId, day).stream().map(MorningReportController::line).toList();
        return MorningReport.of(branchId, day, saleLines, newLeads, feedback, due);
    }

    private static MorningReport.LeadLine line(Lead l) {
        return new MorningReport.LeadLine(l.id(), l.name(), l.source().name(), l.interestModel(), l.salespersonId(), l.nextFollowUpDate());
    }
}
