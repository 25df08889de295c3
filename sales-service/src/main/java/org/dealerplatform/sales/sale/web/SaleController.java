package org.dealerplatform.sales.sale.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.Created;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.dealerplatform.sales.catalogue.persistence.ModelCatalogue;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.sale.Sale;
import org.dealerplatform.sales.sale.SaleChange;
import org.dealerplatform.sales.sale.SaleFacts;
import org.dealerplatform.sales.sale.SaleStatus;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.Segment;
import org.dealerplatform.sales.sale.Vehicle;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.validation.DimensionValue;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Recording, cancelling and correcting sales, always within the caller's branch (HQ: all branches). */
@RestController
@RequestMapping("/api/sales/sales")
@Validated
@Tag(name = "Sales", description = "SAL-1 record / cancel / correct with audit trail, SAL-11 shared credit")
public class SaleController {

    static final String EXAMPLE = """
            {"branchId":"JS-NJ-01","customerId":"0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b",
             "salespeople":[{"salespersonId":"sp-li","sharePercent":60},{"salespersonId":"sp-zhao","sharePercent":40}],
             "vehicle":{"vin":"1HGCM82633A004352","model":"Passat 330TSI","category":"PASSENGER_CAR"},
             "segment":"INDIVIDUAL","amountFen":25980000,"saleDate":"2026-11-20"}""";

    private final SaleStore sales;
    private final OrganisationDirectory directory;
    private final BusinessCalendar calendar;
    private final CustomerReplica customers;
    private final Counter recorded;
    private final ModelCatalogue catalogue;

    public SaleController(SaleStore sales, OrganisationDirectory directory, CustomerReplica customers, BusinessCalendar calendar,
            MeterRegistry meters, ModelCatalogue catalogue) {
        this.catalogue = catalogue;
        this.sales = sales;
        this.directory = directory;
        this.customers = customers;
        this.calendar = calendar;
        this.recorded = Counter.builder("dealer.sales.recorded").description("sales recorded (SAL-1)").register(meters);
    }

    /** One salesperson's credit in a request. */
    public record CreditEntry(@NotBlank @Size(max = 40) @DimensionValue String salespersonId, @Min(1) @Max(100) int sharePercent) {
    }

    /**
     * The vehicle in a request: {@code model} is a catalogue model id or a known alias (SAL-12); the category is the
     * catalogue's, so a {@code category} sent along is ignored.
     */
    public record VehicleEntry(
            @NotBlank @Size(max = 17) @Pattern(regexp = "^[A-HJ-NPR-Z0-9]{17}$", message = "must be a 17-character VIN (no I, O or Q)") @DimensionValue String vin,
            @NotBlank @Size(max = 80) @DimensionValue String model,
            VehicleCategory category,
            @Size(max = 12) @DimensionValue String plate) {
    }

    /** What a branch sends to record a sale. */
    public record RecordSale(
            @Size(max = 20) @DimensionValue String branchId,
            @NotBlank @Size(max = 60) @DimensionValue String customerId,
            @NotEmpty @Size(max = 5) List<@Valid @NotNull CreditEntry> salespeople,
            @NotNull @Valid VehicleEntry vehicle,
            @NotNull Segment segment,
            @Positive long amountFen,
            @NotNull LocalDate saleDate) {
    }

    /** The full new facts of a sale and why they change. */
    public record CorrectSale(
            @NotBlank @Size(max = 60) @DimensionValue String customerId,
            @NotEmpty @Size(max = 5) List<@Valid @NotNull CreditEntry> salespeople,
            @NotNull @Valid VehicleEntry vehicle,
            @NotNull Segment segment,
            @Positive long amountFen,
            @NotNull LocalDate saleDate,
            @NotBlank @Size(max = 300) String reason,
            Long expectedVersion) {
    }

    /** Why a sale is cancelled. */
    public record CancelSale(@NotBlank @Size(max = 300) String reason, Long expectedVersion) {
    }

    /** A sale as staff see it, with its audit trail. */
    public record SaleView(String id, String branchId, String regionId, String customerId, List<SalesCredit> salespeople,
            Vehicle vehicle, Segment segment, long amountFen, LocalDate saleDate, SaleStatus status, String recordedBy,
            java.time.Instant recordedAt, List<SaleChange> changes, long version) {
        public static SaleView of(Sale s) {
            return new SaleView(s.id(), s.branchId(), s.regionId(), s.customerId(), s.salespeople(), s.vehicle(),
                    s.segment(), s.amountFen(), s.saleDate(), s.status(), s.recordedBy(), s.recordedAt(), s.changes(),
                    s.version());
        }
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the recorded sale (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Record a sale (SAL-1) crediting one or more salespeople whose shares add up to 100% (SAL-11). "
            + "The customer and every salesperson must be of the sale's branch (the caller's; HQ names it): an unknown or "
            + "another branch's one is refused with 422 on customerId / salespeople (INT-1)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "shared credit", value = EXAMPLE))))
    public ResponseEntity<SaleView> record(@Valid @RequestBody RecordSale request, Caller caller, IdempotencyKey key) {
        requireSalesRole(caller);
        String branchId = caller.branchForNewRecord(request.branchId());
        Branch branch = directory.branch(branchId)
                .orElseThrow(() -> new RuleViolation("branchId", "unknown branch " + branchId));
        Optional<Sale> replayed = key == null ? Optional.empty() : sales.createdBy(key.aggregateId(), key);
        if (replayed.isPresent()) { // REL-7: a retry answers the first sale (its grant, if any, is spent already)
            return Created.at(replayed.get().id(), SaleView.of(replayed.get()));
        }
        CustomerReplica.KnownCustomer customer = customers.requireAt(branchId, request.customerId(), ServeAtBranchGrants.Purpose.SALE, "customerId");
        List<SalesCredit> credits = credits(request.salespeople(), branchId);
        requireNotFuture(request.saleDate());
        Sale sale = Sale.record(IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString()), branchId,
                branch.regionId(), request.customerId(), credits, vehicle(request.vehicle()), request.segment(),
                request.amountFen(), request.saleDate(), caller.userId(), calendar.now());
        customers.useGrant(customer, caller.userId(), "customerId"); // INT-1: a serve-at-branch grant is spent once
        AggregateStore.Creation<Sale> creation = sales.insertOnce(sale, key); // REL-7: a retry answers the first sale
        if (!creation.replayed()) {
            recorded.increment();
        }
        Sale answer = creation.aggregate();
        return Created.at(answer.id(), SaleView.of(answer));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sale with its audit trail; another branch's sale answers 404")
    public SaleView get(@PathVariable String id, Caller caller) {
        return SaleView.of(load(id, caller));
    }

    @GetMapping
    @Operation(summary = "Sales of the caller's branch (HQ: any), newest first, by salesperson and date range")
    public PageResponse<SaleView> search(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) String salespersonId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        SaleStore.Filter filter = new SaleStore.Filter(branchId, salespersonId, from, to);
        return PageResponse.of(sales.search(caller, filter, page, size).stream().map(SaleView::of).toList(), page, size,
                sales.count(caller, filter));
    }

    @PostMapping("/{id}/correct")
    @Operation(summary = "Correct a sale (SAL-1): the full new facts and the reason; the previous facts stay in the audit trail")
    public SaleView correct(@PathVariable String id, @Valid @RequestBody CorrectSale request, Caller caller,
            IdempotencyKey key) {
        return change(id, request.expectedVersion(), caller, key, sale -> {
            requireNotFuture(request.saleDate());
            CustomerReplica.KnownCustomer customer = null;
            if (!request.customerId().equals(sale.customerId())) { // a new customer must be one of the sale's branch (INT-1)
                customer = customers.requireAt(sale.branchId(), request.customerId(), ServeAtBranchGrants.Purpose.SALE, "customerId");
            }
            sale.correct(new SaleFacts(request.customerId(), credits(request.salespeople(), sale.branchId()),
                    vehicle(request.vehicle()), request.segment(), request.amountFen(), request.saleDate(), SaleStatus.ACTIVE),
                    request.reason(), caller.userId(), calendar.now());
            if (customer != null) {
                customers.useGrant(customer, caller.userId(), "customerId"); // INT-1: a serve-at-branch grant is spent once
            }
        });
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a sale (SAL-1); it stays on file with the reason but no figure counts it")
    public SaleView cancel(@PathVariable String id, @Valid @RequestBody CancelSale request, Caller caller,
            IdempotencyKey key) {
        return change(id, request.expectedVersion(), caller, key,
                sale -> sale.cancel(request.reason(), caller.userId(), calendar.now()));
    }

    /**
     * A correction or a cancellation: by sales staff only, on a sale the caller may see; a retry of a change already
     * made is answered from the sale as it is (REL-7); a stale {@code expectedVersion} is refused.
     */
    private SaleView change(String id, Long expectedVersion, Caller caller, IdempotencyKey key, Consumer<Sale> change) {
        requireSalesRole(caller);
        Sale sale = load(id, caller);
        if (sale.alreadyApplied(key)) { // REL-7: a retry of a change already made
            return SaleView.of(sale);
        }
        requireVersion(sale, expectedVersion);
        change.accept(sale);
        sale.rememberRequest(key);
        sales.update(sale);
        return SaleView.of(load(id, caller));
    }

    private Sale load(String id, Caller caller) {
        return sales.findVisible(id, caller)
                .orElseThrow(() -> new NotFoundException("sale", id));
    }

    private static void requireSalesRole(Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.SALES) && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only sales staff, branch managers and HQ record sales");
        }
    }

    private static void requireVersion(Sale sale, Long expected) {
        if (expected != null && expected != sale.version()) {
            throw new ConcurrentModificationException(SaleStore.COLLECTION, sale.id(), expected);
        }
    }

    private void requireNotFuture(LocalDate saleDate) {
        if (saleDate.isAfter(calendar.today())) {
            throw new RuleViolation("saleDate", "a sale cannot be dated in the future");
        }
    }

    /** The credits of a request; every salesperson must be one of the sale's branch (SAL-11). */
    private List<SalesCredit> credits(List<CreditEntry> entries, String branchId) {
        List<SalesCredit> credits = entries.stream().map(e -> new SalesCredit(e.salespersonId(), e.sharePercent())).toList();
        String problem = SalesCredit.problemWith(credits);
        if (problem != null) {
            throw new RuleViolation("salespeople", problem);
        }
        for (SalesCredit credit : credits) {
            Salesperson person = directory.salesperson(credit.salespersonId()).orElse(null);
            if (person == null || !branchId.equals(person.branchId())) {
                throw new RuleViolation("salespeople",
                        "salesperson " + credit.salespersonId() + " is not a salesperson of branch " + branchId);
            }
        }
        return credits;
    }

    /** The vehicle as stored: its model resolved through the catalogue (SAL-12), an unknown one answers 422. */
    private Vehicle vehicle(VehicleEntry v) {
        VehicleModel model = catalogue.resolve(v.model()).orElseThrow(() -> new RuleViolation("vehicle.model",
                "unknown vehicle model " + v.model().strip() + ": not in the catalogue, nor an alias of a catalogue model"));
        return new Vehicle(v.vin(), model.id(), model.category(), v.plate());
    }
}
