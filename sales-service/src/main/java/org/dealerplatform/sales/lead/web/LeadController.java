package org.dealerplatform.sales.lead.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.platform.validation.MobileNumber;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.dealerplatform.sales.catalogue.persistence.ModelCatalogue;
import org.dealerplatform.sales.lead.Lead;
import org.dealerplatform.sales.lead.LeadConversion;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.report.ReportTable;
import org.dealerplatform.sales.report.web.Exports;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.sale.Sale;
import org.dealerplatform.sales.sale.persistence.SaleStore;
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

/** Leads and pre-sales follow-up (SAL-10), within the caller's branch. */
@RestController
@RequestMapping("/api/sales/leads")
@Validated
@Tag(name = "Leads", description = "SAL-10 prospects, follow-ups and conversion to a sale")
public class LeadController {

    private final LeadStore leads;
    private final SaleStore sales;
    private final OrganisationDirectory directory;
    private final BusinessCalendar calendar;
    private final ModelCatalogue catalogue;

    public LeadController(LeadStore leads, SaleStore sales, OrganisationDirectory directory, BusinessCalendar calendar,
            ModelCatalogue catalogue) {
        this.catalogue = catalogue;
        this.leads = leads;
        this.sales = sales;
        this.directory = directory;
        this.calendar = calendar;
    }

    /** A new prospect; {@code interestModel} is a catalogue model id or alias (SAL-12), optional. */
    public record OpenLead(@Size(max = 20) @DimensionValue String branchId, @NotBlank @Size(max = 100) String name,
            @Size(max = 14) @Pattern(regexp = MobileNumber.ENTERED, message = "must be a mainland mobile number") String mobile,
            @NotNull Lead.Source source, @Size(max = 80) @DimensionValue String interestModel, @NotBlank @Size(max = 60) @DimensionValue String salespersonId,
            @NotNull LocalDate nextFollowUpDate) {
    }

    /** A contact with the prospect. */
    public record RecordFollowUp(@NotNull LocalDate date, @NotBlank @Size(max = 1000) String note, LocalDate nextFollowUpDate,
            Boolean lost) {
        boolean closesAsLost() {
            return Boolean.TRUE.equals(lost);
        }
    }

    /** The sale the prospect became. */
    public record Convert(@NotBlank @Size(max = 60) @DimensionValue String saleId) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the new lead", useReturnTypeSchema = true)
    @Operation(summary = "Open a lead with its source, salesperson and first follow-up date (SAL-10). The optional "
            + "interestModel resolves through the catalogue like a sale's model (id or alias; unknown → 422 interestModel, "
            + "SAL-12) and the lead keeps the catalogue id and its category")
    public ResponseEntity<Lead> open(@Valid @RequestBody OpenLead request, Caller caller, IdempotencyKey key) {
        String branch = caller.branchForNewRecord(request.branchId());
        Salesperson person = directory.salesperson(request.salespersonId()).orElse(null);
        if (person == null || !person.branchId().equals(branch)) {
            throw new RuleViolation("salespersonId", "not a salesperson of branch " + branch);
        }
        VehicleModel interest = interestModel(request.interestModel());
        Lead lead = Lead.open(IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString()), branch,
                request.name().strip(), request.mobile(), request.source(),
                interest == null ? null : interest.id(), interest == null ? null : interest.category().name(),
                request.salespersonId(), request.nextFollowUpDate(),
                calendar.today(), calendar.now(), caller.userId());
        // REL-7: a retry with the same key answers the lead the first request opened
        return ResponseEntity.status(HttpStatus.CREATED).body(leads.insertOnce(lead, key).record());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One lead with its follow-ups; another branch's lead answers 404")
    public Lead get(@PathVariable String id, Caller caller) {
        return load(id, caller);
    }

    @GetMapping
    @Operation(summary = "Leads by status, or those due for follow-up by a date, soonest first")
    public PageResponse<Lead> search(@RequestParam(required = false) String branchId,
            @RequestParam(required = false) Lead.Status status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBy,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return PageResponse.of(leads.search(caller, branchId, status, dueBy, page, size), page, size,
                leads.count(caller, branchId, status, dueBy));
    }

    @GetMapping("/statistics")
    @Operation(summary = "Leads opened in a month per source: converted, lost, still open, conversion rate (SAL-10)")
    public ResponseEntity<?> statistics(@RequestParam YearMonth month, @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv", message = "must be json or csv") String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        String branch = caller.reportBranch(branchId);
        LeadConversion conversion = LeadConversion.of(leads.createdIn(branch, month));
        List<List<Object>> rows = new ArrayList<>();
        conversion.bySource().forEach(l -> rows.add(row(l)));
        rows.add(row(conversion.total()));
        return Exports.answer(conversion, new ReportTable("Leads " + branch + " " + month, List.of("source", "opened",
                "converted", "lost", "open", "conversionPercent"), rows), format, "leads-" + branch + "-" + month, lang);
    }

    private static List<Object> row(LeadConversion.Line l) {
        return List.of(l.source(), l.opened(), l.converted(), l.lost(), l.open(), String.valueOf(l.conversionPercent()));
    }

    @PostMapping("/{id}/follow-ups")
    @Operation(summary = "Record a follow-up contact and the next date, or close the lead as lost")
    public Lead followUp(@PathVariable String id, @Valid @RequestBody RecordFollowUp request, Caller caller,
            IdempotencyKey key) {
        Lead lead = load(id, caller);
        if (leads.alreadyApplied(id, key)) { // REL-7: a retry is answered from the lead as it is
            return lead;
        }
        Lead next = lead.followUp(request.date(), request.note().strip(), request.nextFollowUpDate(), request.closesAsLost(), caller.userId());
        leads.save(next, key);
        return next;
    }

    @PostMapping("/{id}/convert")
    @Operation(summary = "The prospect bought: link the lead to the sale (same branch) and close it; the converted lead "
            + "keeps its catalogue interest model and carries the sale's catalogue model (saleModel)")
    public Lead convert(@PathVariable String id, @Valid @RequestBody Convert request, Caller caller, IdempotencyKey key) {
        Lead lead = load(id, caller);
        if (leads.alreadyApplied(id, key)) { // REL-7: a retry is answered from the lead as it is
            return lead;
        }
        lead.requireOpen();
        // INT-1: the sale (and with it its customer) must be one of the lead's branch; unknown and foreign answer alike
        Sale sale = sales.findVisible(request.saleId(), caller)
                .filter(s -> s.branchId().equals(lead.branchId()))
                .orElseThrow(() -> new RuleViolation("saleId", "no sale " + request.saleId() + " at branch "
                        + lead.branchId()));
        Lead converted = lead.convert(sale.id(), sale.vehicle().model());
        leads.save(converted, key);
        return converted;
    }

    /** SAL-12: the catalogue model a lead's interest names (id or alias), null for none; unknown → 422 interestModel. */
    private VehicleModel interestModel(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return catalogue.resolve(text).orElseThrow(() -> new RuleViolation("interestModel", "unknown vehicle model "
                + text.strip() + ": not in the catalogue, nor an alias of a catalogue model"));
    }

    private Lead load(String id, Caller caller) {
        return leads.find(caller, id).orElseThrow(() -> new NotFoundException("lead", id));
    }
}
