package org.dealerplatform.customer.customer.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.CustomerType;
import org.dealerplatform.customer.customer.MobileNumber;
import org.dealerplatform.customer.customer.persistence.CustomerSearch;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.BusinessRuleViolation;
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Customer files over HTTP, always within the caller's branch (HQ: all branches). */
@RestController
@RequestMapping("/api/customers")
@Validated
@Tag(name = "Customer files", description = "CUS-1, CUS-4, CUS-6, CUS-8")
public class CustomerController {

    private final CustomerStore customers;
    private final CustomerSearch search;
    private final Clock clock;

    public CustomerController(CustomerStore customers, CustomerSearch search, Clock clock) {
        this.customers = customers;
        this.search = search;
        this.clock = clock;
    }

    /** What a branch sends to open a customer file. */
    public record RegisterCustomer(
            @Size(max = 20) String branchId,
            @NotBlank @Size(max = 100) String name,
            CustomerType type,
            @Pattern(regexp = "^(\\+86)?1[3-9]\\d{9}$", message = "must be a mainland mobile number, e.g. 13812345678 or +8613812345678") String mobile,
            @Email @Size(max = 200) String email,
            @Size(max = 300) String address,
            @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String preferredLanguage,
            @PastOrPresent LocalDate firstVisitDate) {
    }

    /** A customer file as staff see it. */
    public record CustomerView(String id, String branchId, String name, CustomerType type, String mobile, String email,
            String address, String preferredLanguage, LocalDate firstVisitDate, long version) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.branchId(), c.name(), c.type(), c.mobile(), c.email(), c.address(),
                    c.preferredLanguage(), c.firstVisitDate(), c.version());
        }
    }

    @PostMapping
    @Operation(summary = "Open a customer file (CUS-1); a mobile number already on file is refused with a pointer to it (CUS-6)")
    public ResponseEntity<CustomerView> register(@Valid @RequestBody RegisterCustomer request, Caller caller) {
        String branch = caller.branchForNewRecord(request.branchId());
        String mobile = MobileNumber.normalize(request.mobile());
        if (request.mobile() != null && mobile == null) {
            throw new BusinessRuleViolation("mobile", "must be a mainland mobile number");
        }
        Customer customer = Customer.register(UUID.randomUUID().toString(), branch, request.name(), request.type(),
                mobile, request.email(), request.address(), request.preferredLanguage(),
                request.firstVisitDate() == null ? LocalDate.now(clock) : request.firstVisitDate(), clock.instant());
        try {
            customers.insert(customer);
        } catch (DuplicateKeyException e) {
            throw duplicateMobile(mobile, caller);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(customer.id()).toUri()).body(CustomerView.of(customer));
    }

    private ConflictException duplicateMobile(String mobile, Caller caller) {
        Customer existing = customers.findOne(Criteria.where("mobile").is(mobile)).orElse(null);
        String pointer = existing != null && caller.canSee(existing.branchId()) ? "/api/customers/" + existing.id() : null;
        return new ConflictException("a customer file with mobile " + mobile + " already exists"
                + (pointer == null ? " at another branch; ask HQ to merge or transfer it" : ""), pointer);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer file; another branch's file answers 404")
    public CustomerView get(@PathVariable String id, Caller caller) {
        return customers.findOne(BranchScope.of(caller, Criteria.where("_id").is(id))).map(CustomerView::of)
                .orElseThrow(() -> new NotFoundException("customer", id));
    }

    @GetMapping
    @Operation(summary = "Search customer files by name prefix, mobile, type and branch, paged (CUS-8)")
    public PageResponse<CustomerView> search(
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Pattern(regexp = "^(\\+86)?1[3-9]\\d{9}$", message = "must be a mainland mobile number") String mobile,
            @RequestParam(required = false) CustomerType type,
            @RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "name") @Pattern(regexp = "name|registeredAt", message = "must be name or registeredAt") String sort,
            Caller caller) {
        Sort order = sort.equals("name") ? Sort.by("name", "_id") : Sort.by(Sort.Direction.DESC, "registeredAt").and(Sort.by("_id"));
        return search.search(caller, new CustomerSearch.Filter(name, MobileNumber.normalize(mobile), type, branchId),
                page, size, order).map(CustomerView::of);
    }
}
