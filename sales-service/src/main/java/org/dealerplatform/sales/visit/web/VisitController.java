package org.dealerplatform.sales.visit.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.report.ReportTable;
import org.dealerplatform.sales.report.web.Exports;
import org.dealerplatform.sales.visit.VipVisitPlan;
import org.dealerplatform.sales.visit.Visit;
import org.dealerplatform.sales.visit.VisitStatistics;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
@Tag(name = "Customer visits", description = "SAL-7 visit schedule (VIP first, from the customer's class), reschedule, "
        + "cancel, the quarter's VIP visit plan, outcomes, monthly statistics")
public class VisitController {

    private final VisitStore visits;
    private final OrganisationDirectory directory;
    private final CustomerReplica customers;
    private final BusinessCalendar calendar;
    private final KeptAnswers keptAnswers;

    public VisitController(VisitStore visits, OrganisationDirectory directory, CustomerReplica customers, BusinessCalendar calendar,
            KeptAnswers keptAnswers) {
        this.keptAnswers = keptAnswers;
        this.visits = visits;
        this.directory = directory;
        this.customers = customers;
        this.calendar = calendar;
    }

    /** A visit to plan. */
    public record PlanVisit(@Size(max = 20) @DimensionValue String branchId, @NotBlank @Size(max = 60) @DimensionValue String salespersonId,
            @NotBlank @Size(max = 60) @DimensionValue String customerId,
            @Size(max = 100) String customerName, @NotNull LocalDate plannedDate, @Size(max = 300) String purpose) {
    }

    /** A new date for a planned visit. */
    public record RescheduleVisit(@NotNull LocalDate plannedDate, @Size(max = 300) String reason) {
    }

    /** Why a planned visit will not take place. */
    public record CancelVisit(@NotBlank @Size(max = 300) String reason) {
    }

    /** The quarter to plan VIP visits for, e.g. 2027-Q1 (HQ names the branch). */
    public record PlanVipVisits(@Size(max = 20) @DimensionValue String branchId,
            @NotNull @Size(max = 7) @Pattern(regexp = "\\d{4}-Q[1-4]", message = "must be a quarter such as 2027-Q1") String quarter) {
    }

    /** What a VIP plan run recorded: the new visits, and how many VIP customers had one already. */
    public record VipPlan(String branchId, String quarter, int vipCustomers, int alreadyVisited, List<Visit> planned) {
    }

    /** A visit that took place. */
    public record CompleteVisit(@NotNull LocalDate doneDate, @NotBlank @Size(max = 1000) String outcome) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the planned visit", useReturnTypeSchema = true)
    @Operation(summary = "Plan a customer visit for a salesperson of the branch (SAL-7); the customer and the salesperson "
            + "must be of the visit's branch, otherwise 422 on customerId / salespersonId (INT-1)")
    public ResponseEntity<Visit> plan(@Valid @RequestBody PlanVisit request, Caller caller, IdempotencyKey key) {
        String branch = caller.branchForNewRecord(request.branchId());
        Salesperson person = directory.salesperson(request.salespersonId()).orElse(null);
        if (person == null || !person.branchId().equals(branch)) {
            throw new RuleViolation("salespersonId", "not a salesperson of branch " + branch);
        }
        String id = IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString());
        Optional<Visit> replayed = visits.createdBy(id, key);
        if (replayed.isPresent()) { // REL-7: a retry answers the first visit (its grant, if any, is spent already)
            return ResponseEntity.status(HttpStatus.CREATED).body(replayed.get());
        }
        CustomerReplica.KnownCustomer customer = customers.requireAt(branch, request.customerId(), ServeAtBranchGrants.Purpose.VISIT, "customerId");
        String name = request.customerName() == null || request.customerName().isBlank() ? customer.name() : request.customerName();
        // SAL-7: the VIP flag is the customer's class in the replica, not the caller's say
        Visit visit = Visit.plan(id, branch, request.salespersonId(), request.customerId(),
                name, customer.vip(), request.plannedDate(), request.purpose(), caller.userId());
        customers.useGrant(customer, caller.userId(), "customerId"); // INT-1: a serve-at-branch grant is spent once
        return ResponseEntity.status(HttpStatus.CREATED).body(visits.insertOnce(visit, key).record());
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Record that a planned visit took place, with its outcome")
    public Visit complete(@PathVariable String id, @Valid @RequestBody CompleteVisit request, Caller caller, IdempotencyKey key) {
        return change(id, caller, key, visit -> visit.complete(request.doneDate(), request.outcome()));
    }

    @PostMapping("/{id}/reschedule")
    @Operation(summary = "Move a planned visit to another date (SAL-7); each move is kept with its reason")
    public Visit reschedule(@PathVariable String id, @Valid @RequestBody RescheduleVisit request, Caller caller, IdempotencyKey key) {
        return change(id, caller, key, visit -> visit.reschedule(request.plannedDate(), request.reason(), caller.userId()));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a planned visit (SAL-7); it stays on file with the reason, no statistic counts it")
    public Visit cancel(@PathVariable String id, @Valid @RequestBody CancelVisit request, Caller caller, IdempotencyKey key) {
        return change(id, caller, key, visit -> visit.cancel(request.reason().strip()));
    }

    /** A change to a visit the caller may see; a retry of a change already made is answered from the visit as it is (REL-7). */
    private Visit change(String id, Caller caller, IdempotencyKey key, UnaryOperator<Visit> change) {
        Visit visit = visits.find(caller, id).orElseThrow(() -> new NotFoundException("visit", id));
        if (visits.alreadyApplied(id, key)) {
            return visit;
        }
        Visit changed = change.apply(visit);
        visits.save(changed, key);
        return changed;
    }

    @PostMapping("/vip-plan")
    @ApiResponse(responseCode = "201", description = "the plan: the visits planned by this run", useReturnTypeSchema = true)
    @Operation(summary = "Generate the VIP visit plan of a quarter (SAL-7, branch manager or HQ): one planned visit for "
            + "each VIP customer of the branch (class from the customer replica) without a visit planned or done in the "
            + "quarter, spread evenly over its remaining business days (Monday to Friday), customers in name order, "
            + "salespeople taking turns in id order; run again, it plans only customers still without one. A retry with "
            + "the same Idempotency-Key answers the first run's plan (REL-7)")
    public ResponseEntity<VipPlan> planVipVisits(@Valid @RequestBody PlanVipVisits request, Caller caller,
            IdempotencyKey key) {
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only a branch manager or HQ generates the VIP visit plan");
        }
        String branch = caller.branchForNewRecord(request.branchId());
        if (directory.branch(branch).isEmpty()) {
            throw new RuleViolation("branchId", "unknown branch " + branch);
        }
        LocalDate[] quarter = VipVisitPlan.quarter(request.quarter());
        LocalDate today = calendar.today();
        if (quarter[1].isBefore(today)) {
            throw new RuleViolation("quarter", "the quarter " + request.quarter() + " is over");
        }
        return keptAnswers.answer(key, "vip-plan", VipPlan.class, () -> planVipVisits(branch, request.quarter(), quarter,
                today, caller));
    }

    /** SAL-7: plans the VIP customers of {@code branch} still without a visit in the quarter. */
    private ResponseEntity<VipPlan> planVipVisits(String branch, String quarterName, LocalDate[] quarter, LocalDate today,
            Caller caller) {
        List<CustomerReplica.KnownCustomer> vips = customers.vipsOf(branch);
        Set<String> visited = visits.customersWithVisits(branch, quarter[0], quarter[1]);
        List<VipVisitPlan.Customer> open = vips.stream().filter(c -> !visited.contains(c.id()))
                .map(c -> new VipVisitPlan.Customer(c.id(), c.name())).toList();
        List<String> salespeople = directory.salespeopleOf(branch).stream().filter(Salesperson::active)
                .map(Salesperson::id).toList();
        List<LocalDate> days = VipVisitPlan.businessDays(quarter[0].isBefore(today) ? today : quarter[0], quarter[1]);
        List<Visit> planned = new ArrayList<>();
        for (VipVisitPlan.Proposal p : VipVisitPlan.spread(open, salespeople, days)) {
            // one id per customer and quarter: two runs at once still plan each customer once
            Visit visit = Visit.plan("vip-" + quarterName + "-" + p.customerId(), branch, p.salespersonId(),
                    p.customerId(), p.customerName(), true, p.date(), "VIP visit " + quarterName, caller.userId());
            if (visits.insertIfAbsent(visit)) {
                planned.add(visit);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new VipPlan(branch, quarterName, vips.size(),
                vips.size() - open.size(), planned));
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
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        String branch = caller.reportBranch(branchId);
        VisitStatistics stats = VisitStatistics.of(branch, month, visits.plannedIn(branch, month));
        List<List<Object>> rows = new ArrayList<>();
        stats.salespeople().forEach(l -> rows.add(row(l)));
        rows.add(row(stats.branch()));
        return Exports.answer(stats, new ReportTable("Visits " + branch + " " + month,
                List.of("who", "planned", "done", "vipPlanned", "vipDone", "donePercent"), rows), format, "visits-" + branch + "-" + month, lang);
    }

    private static List<Object> row(VisitStatistics.Line l) {
        return List.of(l.who(), l.planned(), l.done(), l.vipPlanned(), l.vipDone(), String.valueOf(l.donePercent()));
    }
}
