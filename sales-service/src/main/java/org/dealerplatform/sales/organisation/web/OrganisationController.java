package org.dealerplatform.sales.organisation.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Regions, branches (HQ-managed) and salespeople per branch. */
@RestController
@RequestMapping("/api/sales")
@Validated
@Tag(name = "Organisation", description = "Regions, branches and salespeople: the levels of SAL-2, SAL-3 and SAL-9")
public class OrganisationController {

    private final OrganisationDirectory directory;

    public OrganisationController(OrganisationDirectory directory) {
        this.directory = directory;
    }

    /** A branch as HQ enters it. */
    public record BranchEntry(
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z0-9-]{2,20}", message = "must be 2-20 upper-case letters, digits or dashes") String id,
            @NotBlank @Size(max = 60) String name,
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z0-9_]{2,20}", message = "must be 2-20 upper-case letters, digits or underscores") String regionId,
            @NotBlank @Size(max = 60) String regionName) {
    }

    /** A salesperson as a branch manager or HQ enters them. */
    public record SalespersonEntry(@NotBlank @Size(max = 60) String name, @Size(max = 20) @DimensionValue String branchId, Boolean active) {
    }

    @GetMapping("/branches")
    @Operation(summary = "Every branch with its region")
    public List<Branch> branches() {
        return directory.branches();
    }

    @PutMapping("/branches")
    @Operation(summary = "Add or change branches and the region each belongs to (HQ only); branches not listed stay as they are")
    public List<Branch> saveBranches(@RequestBody @NotEmpty @Size(max = 2000) List<@Valid BranchEntry> entries, Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ maintains branches and regions");
        }
        entries.forEach(e -> directory.saveBranch(new Branch(e.id(), e.name(), e.regionId(), e.regionName())));
        return directory.branches();
    }

    @GetMapping("/salespeople")
    @Operation(summary = "Salespeople of the caller's branch (HQ: all, or one branch)")
    public List<Salesperson> salespeople(@RequestParam(required = false) String branchId, Caller caller) {
        return directory.salespeople(caller, branchId);
    }

    @PutMapping("/salespeople/{id}")
    @Operation(summary = "Add or change a salesperson of a branch (branch manager of that branch, or HQ)")
    public Salesperson saveSalesperson(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,40}", message = "must be 1-40 letters, digits, dot, dash or underscore") String id,
            @Valid @RequestBody SalespersonEntry entry, Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only a branch manager or HQ maintains salespeople");
        }
        directory.salesperson(id).ifPresent(existing -> caller.requireVisible(existing.branchId(), "salesperson", id));
        String branch = caller.branchForNewRecord(entry.branchId());
        if (directory.branch(branch).isEmpty()) {
            throw new RuleViolation("branchId", "unknown branch " + branch);
        }
        Salesperson person = new Salesperson(id, entry.name(), branch, entry.active() == null || entry.active());
        directory.saveSalesperson(person);
        return person;
    }

}
