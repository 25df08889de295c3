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
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.application.StaffChanges;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    private static final String SALESPERSON_ID = "[A-Za-z0-9._-]{1,40}";
    private static final String SALESPERSON_ID_MESSAGE = "must be 1-40 letters, digits, dot, dash or underscore";

    private final OrganisationDirectory directory;
    private final StaffChanges staff;

    public OrganisationController(OrganisationDirectory directory, StaffChanges staff) {
        this.directory = directory;
        this.staff = staff;
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

    /** Who takes over a leaving salesperson's open leads and planned visits (UI-3). */
    public record DeactivationEntry(
            @NotBlank @Size(max = 40) @Pattern(regexp = SALESPERSON_ID, message = SALESPERSON_ID_MESSAGE) String successorId) {
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
    @Operation(summary = "Salespeople of the caller's branch (HQ: all, or one branch), the inactive ones too",
            description = "A branch the caller may not see answers 404 (UI-3).")
    public List<Salesperson> salespeople(@RequestParam(required = false) String branchId, Caller caller) {
        if (branchId != null) {
            caller.requireVisible(branchId, "branch", branchId);
        }
        return directory.salespeople(caller, branchId);
    }

    @PutMapping("/salespeople/{id}")
    @Operation(summary = "Add or change a salesperson of a branch (branch manager of that branch, or HQ)",
            description = "A salesperson of another branch, or a branch the caller may not see, answers 404. An active "
                    + "salesperson leaves through POST /api/sales/salespeople/{id}/deactivation, which hands their work "
                    + "over; here `active: false` is refused for them (422), `active: true` takes someone on again.")
    public Salesperson saveSalesperson(@PathVariable @Pattern(regexp = SALESPERSON_ID, message = SALESPERSON_ID_MESSAGE) String id,
            @Valid @RequestBody SalespersonEntry entry, Caller caller) {
        requireStaffManager(caller);
        Salesperson existing = directory.salesperson(id).orElse(null);
        if (existing != null) {
            caller.requireVisible(existing.branchId(), "salesperson", id);
        }
        if (entry.branchId() != null && !entry.branchId().isBlank()) {
            caller.requireVisible(entry.branchId(), "branch", entry.branchId()); // UI-3: another branch looks missing
        }
        String branch = caller.branchForNewRecord(entry.branchId());
        if (directory.branch(branch).isEmpty()) {
            throw new RuleViolation("branchId", "unknown branch " + branch);
        }
        boolean active = entry.active() == null || entry.active();
        if (existing != null && existing.active() && !active) {
            throw new RuleViolation("active", "a salesperson leaves through POST /api/sales/salespeople/" + id
                    + "/deactivation, which hands their leads and visits to a colleague");
        }
        Salesperson person = new Salesperson(id, entry.name(), branch, active);
        directory.saveSalesperson(person);
        return person;
    }

    @PostMapping("/salespeople/{id}/deactivation")
    @Operation(summary = "A salesperson leaves: deactivate them and hand their open leads and planned visits to a colleague (UI-3)",
            description = "Branch manager of the salesperson's branch, or HQ; another branch's salesperson answers 404. "
                    + "The successor must be another active salesperson of the same branch (422 on `successorId`). "
                    + "Publishes `dealer.sales.SalespersonDeactivated.v1` on `sales.organisation.events`. Safe to repeat "
                    + "with the same successor (moves stragglers, publishes nothing more); another successor afterwards is 409.")
    public StaffChanges.Handover deactivate(@PathVariable @Pattern(regexp = SALESPERSON_ID, message = SALESPERSON_ID_MESSAGE) String id,
            @Valid @RequestBody DeactivationEntry entry, Caller caller) {
        requireStaffManager(caller);
        try {
            return staff.deactivate(caller, id, entry.successorId()).orElseThrow(() -> new NotFoundException("salesperson", id));
        } catch (StaffChanges.AlreadyLeft e) {
            throw new ConflictException(e.getMessage(), e.successorId());
        }
    }

    private static void requireStaffManager(Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only a branch manager or HQ maintains salespeople");
        }
    }

}
