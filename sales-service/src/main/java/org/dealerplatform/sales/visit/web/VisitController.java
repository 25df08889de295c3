package org.dealerplatform.sales.visit.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.BusinessRuleViolation;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.report.ReportTable;
import org.dealerplatform.sales.report.web.Exports;
import org.dealerplatform.sales.visit.Visit;
import org.dealerplatform.sales.visit.VisitStatistics;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer visit schedule and its monthly statistics (SAL-7), within the caller's branch. */
@RestController
@RequestMapping("/api/sales/visits")
@Validated
@Tag(name = "Customer visits", description = "SAL-7 visit schedule (VIP first), outcomes, monthly statistics")
public class VisitController {

    private final VisitStore visits;
    private final OrganisationDirectory directory;

    public VisitController(VisitStore visits, OrganisationDirectory directory) {
        this.visits = visits;
        this.directory = directory;
    }

    /** A visit to plan. */
    public record PlanVisit(@Size(max = 20) @DimensionValue String branchId, @NotBlank @DimensionValue String salespersonId,
            @NotBlank @Size(max = 60) @DimensionValue String customerId,
            @Size(max = 100) String customerName, Boolean vip, @NotNull LocalDate plannedDate, @Size(max = 300) String purpose) {
    }

    /** A visit that took place. */
    public record CompleteVisit(@NotNull LocalDate doneDate, @NotBlank @Size(max = 1000) String outcome) {
    }

    @PostMapping
    @Operation(summary = "Plan a customer visit for a salesperson of the branch (SAL-7)")
    public ResponseEntity<Visit> plan(@Valid @RequestBody PlanVisit request, Caller caller) {
        String branch = caller.branchForNewRecord(request.branchId());
        Salesperson person = directory.salesperson(request.salespersonId()).orElse(null);
        if (person == null || !person.branchId().equals(branch)) {
            throw new BusinessRuleViolation("salespersonId", "not a salesperson of branch " + branch);
        }
        Visit visit = Visit.plan(UUID.randomUUID().toString(), branch, request.salespersonId(), request.customerId(),
                request.customerName(), Boolean.TRUE.equals(request.vip()), request.plannedDate(), request.purpose(), caller.userId());
        visits.save(visit);
        return ResponseEntity.status(HttpStatus.CREATED).body(visit);
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Record that a planned visit took place, with its outcome")
    public Visit complete(@PathVariable String id, @Valid @RequestBody CompleteVisit request, Caller caller) {
        Visit visit = visits.find(caller, id).orElseThrow(() -> new NotFoundException("visit", id));
        if (visit.status() != Visit.Status.PLANNED) {
            throw new BusinessRuleViolation("status", "only a planned visit can be completed; this one is " + visit.status());
        }
        Visit done = visit.complete(request.doneDate(), request.outcome());
        visits.save(done);
        return done;
    }

    @GetMapping
    @Operation(summary = "The visit schedule: VIP customers first, then by planned date")
    public PageResponse<Visit> schedule(@RequestParam(required = false) String branchId,
            @RequestParam(required = false) String salespersonId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Visit.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return PageResponse.of(visits.schedule(caller, branchId, salespersonId, from, to, status, page, size), page, size,
                visits.count(caller, branchId, salespersonId, from, to, status));
    }

    @GetMapping("/statistics")
    @Operation(summary = "Monthly visit statistics: planned vs done per salesperson and for the branch (SAL-7)")
    public ResponseEntity<?> statistics(@RequestParam YearMonth month, @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv", message = "must be json or csv") String format,
            Caller caller) {
        String branch = branchId == null ? caller.branchId() : branchId;
        if (branch == null) {
            throw new BusinessRuleViolation("branchId", "say which branch");
        }
        caller.requireVisible(branch, "branch", branch);
        VisitStatistics stats = VisitStatistics.of(branch, month, visits.plannedIn(branch, month));
        List<List<Object>> rows = new ArrayList<>();
        stats.salespeople().forEach(l -> rows.add(row(l)));
        rows.add(row(stats.branch()));
        return Exports.answer(stats, new ReportTable("Visits " + branch + " " + month,
                List.of("who", "planned", "done", "vipPlanned", "vipDone", "donePercent"), rows), format, "visits-" + branch + "-" + month);
    }

    private static List<Object> row(VisitStatistics.Line l) {
        return List.of(l.who(), l.planned(), l.done(), l.vipPlanned(), l.vipDone(), String.valueOf(l.donePercent()));
    }
}
