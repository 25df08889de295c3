package org.dealerplatform.customer.file.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.customer.consultant.application.Consultants;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerClass;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.file.Visit;
import org.dealerplatform.customer.file.persistence.CustomerSearch;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.persistence.VinClaims;
import org.dealerplatform.customer.vehicle.LicensePlate;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.customer.vehicle.Vin;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.Created;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.platform.validation.MobileNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer files over HTTP, always within the caller's branch (HQ: all branches). */
@RestController
@RequestMapping("/api/customers")
@Validated
@Tag(name = "Customer files", description = "CUS-1, CUS-4, CUS-6, CUS-8")
public class CustomerController {

    static final String MOBILE_MESSAGE = "must be a mainland mobile number, e.g. 13812345678 or +8613812345678";
    static final String REGISTER_EXAMPLE = """
            {"name":"王伟","type":"INDIVIDUAL","mobile":"+8613812345678","email":"wang.wei@example.cn",
             "address":"南京市鼓楼区中山路1号","preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20"}""";

    private final CustomerStore customers;
    private final CustomerFiles files;
    private final CustomerSearch search;
    private final VinClaims vinClaims;
    private final BusinessCalendar calendar;
    private final MeterRegistry meters;
    private final Consultants consultants;

    public CustomerController(CustomerStore customers, CustomerFiles files, CustomerSearch search, VinClaims vinClaims,
            BusinessCalendar calendar, MeterRegistry meters, Consultants consultants) {
        this.meters = meters;
        this.consultants = consultants;
        this.customers = customers;
        this.vinClaims = vinClaims;
        this.files = files;
        this.search = search;
        this.calendar = calendar;
    }

    /** What a branch sends to open a customer file. */
    public record RegisterCustomer(
            @Size(max = 20) @DimensionValue String branchId,
            @NotBlank @Size(max = 100) String name,
            CustomerType type,
            @Size(max = 14) @Pattern(regexp = MobileNumber.ENTERED, message = MOBILE_MESSAGE) String mobile,
            @Email @Size(max = 200) String email,
            @Size(max = 300) String address,
            @Size(max = 5) @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String preferredLanguage,
            @PastOrPresent LocalDate firstVisitDate) {
    }

    /** The full details of a file; optional fields left out are cleared (PUT semantics). */
    public record UpdateCustomer(
            @NotBlank @Size(max = 100) String name,
            CustomerType type,
            @Size(max = 14) @Pattern(regexp = MobileNumber.ENTERED, message = MOBILE_MESSAGE) String mobile,
            @Email @Size(max = 200) String email,
            @Size(max = 300) String address,
            @Size(max = 5) @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String preferredLanguage,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> wantedServices,
            @Size(max = 2000) String notes) {
    }

    /** A visit or maintenance appointment. */
    public record RecordVisit(@NotNull @PastOrPresent LocalDate date, Visit.Kind kind, @Size(max = 500) String note) {
    }

    /** Which file to merge into this one. */
    public record MergeRequest(@NotBlank @Size(max = 60) @DimensionValue String mergeCustomerId) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the new customer file (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Open a customer file (CUS-1); a mobile number already on file is refused with a pointer to it (CUS-6)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "individual", value = REGISTER_EXAMPLE))))
    public ResponseEntity<CustomerView> register(@Valid @RequestBody RegisterCustomer request, Caller caller,
            IdempotencyKey key) {
        String branch = caller.branchForNewRecord(request.branchId());
        String mobile = normalizedMobile(request.mobile());
        Customer customer = Customer.register(IdempotencyKey.aggregateIdOr(key, () -> UUID.randomUUID().toString()),
                branch, request.name(), request.type(), mobile, request.email(), request.address(),
                request.preferredLanguage(),
                request.firstVisitDate() == null ? calendar.today() : request.firstVisitDate(),
                calendar.now());
        consultants.openedBy(customer, caller);
        AggregateStore.Creation<Customer> creation;
        try {
            // REL-7: a retry finds the file its first attempt opened before the mobile check could call it a duplicate
            creation = customers.insertOnce(customer, key);
        } catch (DuplicateKeyException e) {
            throw files.duplicateMobile(mobile, caller);
        }
        if (!creation.replayed()) {
            meters.counter("dealer.customers.registered").increment();
        }
        Customer answer = creation.aggregate();
        return Created.at(answer.id(), CustomerView.of(answer));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer file with vehicles, visits, wishes, notes, consent, class and completeness; another branch's file answers 404")
    public CustomerView get(@PathVariable String id, Caller caller) {
        return CustomerView.of(files.visible(id, caller));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Update a file's details (CUS-1); publishes CustomerUpdated; a mobile on another file is refused (CUS-6)")
    public CustomerView update(@PathVariable String id, @Valid @RequestBody UpdateCustomer request, Caller caller) {
        Customer customer = files.visible(id, caller);
        String mobile = normalizedMobile(request.mobile());
        customer.updateDetails(request.name(), request.type(), mobile, request.email(), request.address(),
                request.preferredLanguage(), request.wantedServices(), request.notes(), calendar.now());
        try {
            customers.update(customer);
        } catch (DuplicateKeyException e) {
            throw files.duplicateMobile(mobile, caller);
        }
        return CustomerView.of(files.visible(id, caller));
    }

    @PostMapping("/{id}/visits")
    @Operation(summary = "Record a visit or maintenance appointment (CUS-1)")
    public CustomerView recordVisit(@PathVariable String id, @Valid @RequestBody RecordVisit request, Caller caller,
            IdempotencyKey key) {
        Customer customer = files.visible(id, caller);
        if (customer.alreadyApplied(key)) { // REL-7: a retried visit is on file already
            return CustomerView.of(customer);
        }
        customer.recordVisit(new Visit(request.date(), request.kind() == null ? Visit.Kind.VISIT : request.kind(),
                request.note()), calendar.now());
        customer.rememberRequest(key);
        customers.update(customer);
        return CustomerView.of(files.visible(id, caller));
    }

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge another file of the same customer into this one (CUS-6); same branch only (HQ: any); publishes "
            + "CustomersMerged. The file in the path must be the caller's (404); the file to merge must be too, otherwise "
            + "422 on mergeCustomerId, the same for an unknown one (INT-1)")
    public CustomerView merge(@PathVariable String id, @Valid @RequestBody MergeRequest request, Caller caller,
            IdempotencyKey key) {
        Customer survivor = files.visible(id, caller);
        Customer merged = files.referenced(request.mergeCustomerId(), caller, "mergeCustomerId");
        if (survivor.id().equals(merged.id())) {
            throw new RuleViolation("mergeCustomerId", "a file cannot be merged with itself");
        }
        // REL-7: the survivor's write is the last one: with the key on it, the merge is done and only answered again
        if (files.doneBefore(merged, survivor, key, "merge")) {
            return CustomerView.of(survivor);
        }
        String mergedMobile = merged.mobile();
        List<Vehicle> mergedVehicles = merged.vehicles();
        // first retire the merged file (frees its mobile and VINs), then let the survivor take them over
        merged.retireInto(survivor.id(), calendar.now());
        merged.rememberRequest(key);
        customers.update(merged);
        mergedVehicles.forEach(v -> vinClaims.reassign(v.vin(), merged.id(), survivor.id()));
        Customer after = files.changeWithRetry(survivor.id(), s -> {
            s.absorb(merged, mergedMobile, mergedVehicles, calendar.now());
            s.rememberRequest(key);
        });
        return CustomerView.of(after);
    }

    @GetMapping
    @Operation(summary = "Search active customer files by name prefix, mobile (or phone), plate, VIN, class, segment, vehicle category and branch, paged and sorted (CUS-4, CUS-8)")
    public PageResponse<CustomerView> search(
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Pattern(regexp = MobileNumber.ENTERED, message = "must be a mainland mobile number") String mobile,
            @RequestParam(required = false) @Pattern(regexp = MobileNumber.ENTERED, message = "must be a mainland mobile number") String phone,
            @RequestParam(required = false) @Size(max = 10) String plate,
            @RequestParam(required = false) @Size(min = 17, max = 17, message = "must be 17 characters") String vin,
            @RequestParam(name = "class", required = false) CustomerClass customerClass,
            @RequestParam(required = false) CustomerType type,
            @RequestParam(required = false) CustomerType segment,
            @RequestParam(required = false) VehicleCategory category,
            @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "name") @Pattern(regexp = "name|registeredAt|class", message = "must be name, registeredAt or class") String sort,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc", message = "must be asc or desc") String direction,
            Caller caller) {
        Sort.Direction dir = direction.equals("desc") ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort order = switch (sort) {
            case "registeredAt" -> Sort.by(dir, "registeredAt");
            case "class" -> Sort.by(dir, "customerClass");
            default -> Sort.by(dir, "name");
        };
        CustomerSearch.Filter filter = new CustomerSearch.Filter(name, MobileNumber.normalize(mobile != null ? mobile : phone),
                LicensePlate.normalize(plate), Vin.normalize(vin), customerClass, segment != null ? segment : type,
                category, branchId);
        return search.search(caller, filter, page, size, order.and(Sort.by("_id"))).map(CustomerView::of);
    }

    private static String normalizedMobile(String raw) {
        String mobile = MobileNumber.normalize(raw);
        if (raw != null && !raw.isBlank() && mobile == null) {
            throw new RuleViolation("mobile", "must be a mainland mobile number");
        }
        return mobile;
    }
}
