package org.dealerplatform.sales.morning.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.lead.Lead;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.morning.MorningReport;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.holiday.BusinessDays;
import org.dealerplatform.sales.holiday.persistence.HolidayCalendarStore;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.report.DatePeriod;
import org.dealerplatform.sales.report.ReportTable;
import org.dealerplatform.sales.report.TargetAttainment;
import org.dealerplatform.sales.report.YearOverYear;
import org.dealerplatform.sales.report.web.SalesFigures;
import org.dealerplatform.sales.rollup.RollupCell;
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
    private final SalesFigures figures;
    private final HolidayCalendarStore calendars;
    private final BusinessCalendar calendar;
    private final ExportAudit exportAudit;

    public MorningReportController(SaleStore sales, LeadStore leads, VisitStore visits, OrganisationDirectory directory,
            SalesFigures figures, HolidayCalendarStore calendars, BusinessCalendar calendar, ExportAudit exportAudit) {
        this.sales = sales;
        this.leads = leads;
        this.visits = visits;
        this.directory = directory;
        this.figures = figures;
        this.calendars = calendars;
        this.calendar = calendar;
        this.exportAudit = exportAudit;
    }

    @GetMapping("/api/sales/morning-report")
    @Operation(summary = "The report for the morning meeting of {date} (default today): sales, new leads and feedback since the previous "
            + "business day (Monday: Friday to Sunday; business days from HQ's holiday calendar), follow-ups due, month to date "
            + "against the monthly schedule and against the same days of last year; format=csv downloads it, audited (SEC-9)")
    public ResponseEntity<?> report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv", message = "must be json or csv") String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        LocalDate day = date == null ? calendar.today() : date;
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
        DatePeriod covered = new BusinessDays(calendars::of).coveredBy(day);
        List<MorningReport> reports = branches.stream().map(b -> report(b, day, covered)).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (MorningReport r : reports) {
            // ECO-4: the branch's name beside its id, from the organisation directory
            String name = directory.branch(r.branchId()).map(Branch::name).orElse("");
            for (List<Object> row : r.rows()) {
                List<Object> named = new ArrayList<>(row);
                named.add(1, name);
                rows.add(named);
            }
        }
        if (!"json".equals(format)) {
            // SEC-9: the CSV names customers (visit feedback) and prospects: who exported it, when, which filter, rows
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("date", day);
            filter.put("branchId", branchId);
            filter.put("format", format);
            filter.put("lang", ExportColumns.Lang.of(lang) == ExportColumns.Lang.EN ? "en" : "zh-CN");
            exportAudit.record(caller, "GET /api/sales/morning-report", filter, rows.size());
        }
        return Exports.answer(reports, new ReportTable("Morning report " + day, List.of("branchId", "branchName", "section", "id",
                "what", "amountFen", "note"), rows), format, "morning-report-" + day, lang);
    }

    private MorningReport report(String branchId, LocalDate day, DatePeriod covered) {
        List<MorningReport.SaleLine> saleLines = new ArrayList<>();
        List<MorningReport.LeadLine> newLeads = new ArrayList<>();
        List<MorningReport.Feedback> feedback = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (LocalDate past : covered.days()) {
            sales.ofBranchOn(branchId, past).forEach(s -> saleLines.add(new MorningReport.SaleLine(s.id(), s.saleDate(),
                    s.vehicle().model(), s.segment().name(), s.amountFen(), s.salespeople().stream()
                            .map(c -> named(names, c.salespersonId()) + " " + c.sharePercent() + "%").collect(Collectors.joining(", ")),
                    s.status().name())));
            leads.createdOn(branchId, past).forEach(l -> newLeads.add(line(l)));
            visits.doneOn(branchId, past).forEach(v -> feedback.add(new MorningReport.Feedback("visit", v.salespersonId(),
                    v.customerName() == null ? v.customerId() : v.customerName(), v.outcome())));
            for (Lead lead : leads.followedUpOn(branchId, past)) {
                lead.followUps().stream().filter(f -> f.date().equals(past))
                        .forEach(f -> feedback.add(new MorningReport.Feedback("lead", f.by(), lead.name(), f.note())));
            }
        }
        List<MorningReport.LeadLine> due = leads.dueOn(branchId, day).stream().map(MorningReportController::line).toList();
        LocalDate upTo = covered.to();
        TargetAttainment attainment = figures.attainment(Level.BRANCH, branchId, upTo);
        YearOverYear samePeriod = figures.yearOverYear(Level.BRANCH, branchId, new DatePeriod(upTo.withDayOfMonth(1), upTo),
                RollupCell.ALL, RollupCell.ALL);
        return MorningReport.of(branchId, day, covered, saleLines, newLeads, feedback, due, attainment.month(), samePeriod.total());
    }

    /** A salesperson's id with the name beside it (ECO-4), looked up by id once per report. */
    private String named(Map<String, String> names, String salespersonId) {
        String name = names.computeIfAbsent(salespersonId,
                id -> directory.salesperson(id).map(Salesperson::name).orElse(""));
        return name.isEmpty() ? salespersonId : salespersonId + " " + name;
    }

    private static MorningReport.LeadLine line(Lead l) {
        return new MorningReport.LeadLine(l.id(), l.name(), l.source().name(), l.interestModel(), l.salespersonId(), l.nextFollowUpDate());
    }
}
