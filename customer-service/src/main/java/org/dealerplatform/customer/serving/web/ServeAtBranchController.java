package org.dealerplatform.customer.serving.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.customer.serving.ServiceGrant;
import org.dealerplatform.customer.serving.application.ServeAtBranch;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.dealerplatform.platform.validation.MobileNumber;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** INT-1: staff of one branch serve a group customer of another after an exact mobile/VIN lookup, which is audited. */
@RestController
@Validated
@Tag(name = "Serving a customer at another branch", description = "INT-1 exact lookup by mobile or VIN, one transaction granted, audited")
public class ServeAtBranchController {

    private final ServeAtBranch serving;
    private final CustomerFiles files;
    private final KeptAnswers keptAnswers;

    public ServeAtBranchController(ServeAtBranch serving, CustomerFiles files, KeptAnswers keptAnswers) {
        this.serving = serving;
        this.files = files;
        this.keptAnswers = keptAnswers;
    }

    /**
     * The exact key staff were given by the customer (a mobile number or a VIN, exactly one) and what the grant is for:
     * SALE or VISIT (honoured by sales-service), WORK_ORDER (honoured by aftersales-service).
     */
    public record Lookup(@Size(max = 11) @Pattern(regexp = MobileNumber.STORED, message = "must be a full mainland mobile number") String mobile,
            @Size(max = 17) @Pattern(regexp = "^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$", message = "must be a full 17-character VIN") String vin,
            @NotNull(message = "say what the grant is for: SALE, VISIT or WORK_ORDER") Purpose purpose) {
    }

    /** The customer as the serving branch sees it, and the grant (null for a customer of the caller's own branch). */
    public record ServedCustomer(String customerId, String name, String branchId, List<String> vins, Grant grant) {
    }

    /** One transaction of the kind {@code purpose} granted to {@code servingBranchId} until {@code expiresAt}. */
    public record Grant(String grantId, String servingBranchId, Purpose purpose, String lookupKey, String grantedBy,
            Instant grantedAt, Instant expiresAt) {
        static Grant of(ServiceGrant g) {
            return g == null ? null : new Grant(g.grantId(), g.servingBranchId(), g.purpose(), g.lookupKey(),
                    g.grantedBy(), g.grantedAt(), g.expiresAt());
        }
    }

    @PostMapping("/api/customers/serve-at-branch")
    @Operation(summary = "Look a group customer up by exact mobile or VIN (never by browsing) to serve them at the caller's "
            + "branch (INT-1). A customer of another branch grants the caller's branch one transaction of the kind named by "
            + "the required purpose (SALE or VISIT: sales-service; WORK_ORDER: aftersales-service; the other service "
            + "ignores the grant) for 30 minutes; the lookup is audited with its purpose and publishes "
            + "CustomerServiceGranted. No purpose or an unknown one: 400 on purpose. No match: 404. A retry with the same "
            + "Idempotency-Key answers the first lookup's grant and grants nothing more (REL-7)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"mobile\":\"13812345678\",\"purpose\":\"SALE\"}"))))
    public ServedCustomer lookUp(@Valid @RequestBody Lookup lookup, Caller caller, IdempotencyKey key) {
        return keptAnswers.once(key, "serve-at-branch", ServedCustomer.class, () -> {
            ServeAtBranch.Served served = serving.lookUp(caller, lookup.mobile(), lookup.vin(), lookup.purpose());
            Customer c = served.customer();
            return new ServedCustomer(c.id(), c.name(), c.branchId(),
                    c.vehicles().stream().map(v -> v.vin()).toList(), Grant.of(served.grant()));
        });
    }

    @GetMapping("/api/customers/{id}/service-grants")
    @Operation(summary = "The audit trail of lookups that served this customer at other branches (INT-1): who, when, "
            + "which branch, for which purpose, which lookup key; the customer's own branch and HQ")
    public List<Grant> audit(@PathVariable String id, Caller caller) {
        return serving.auditOf(files.visible(id, caller)).stream().map(Grant::of).toList();
    }
}
