package org.dealerplatform.sales.target.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.target.AnnualTarget;
import org.dealerplatform.sales.target.MonthlySchedule;
import org.dealerplatform.sales.target.TargetGap;
import org.dealerplatform.sales.target.persistence.TargetStore;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Annual targets and tasks with their monthly schedules (SAL-2). HQ sets group, region and branch targets; a branch
 * manager sets the targets of their branch's salespeople.
 */
@RestController
@Validated
@Tag(name = "Targets", description = "SAL-2 annual target and task per level, monthly schedule, gaps between levels")
public class TargetController {

    private final TargetStore targets;
    private final OrganisationDirectory directory;

    public TargetController(TargetStore targets, OrganisationDirectory directory) {
        this.targets = targets;
        this.directory = directory;
    }

    /** An annual target: amounts in fen; {@code weights} = 12 monthly weights (omit for an even split). */
    public record SetTarget(@PositiveOrZero long targetFen, @PositiveOrZero long taskFen, @Size(min = 12, max = 12) List<@Min(0) @Max(1000) Integer> weights) {
    }

    @PutMapping("/api/sales/targets/{year}/{level}/{unitId}")
    @Operation(summary = "Set the annual target and task of a unit, scheduled monthly (even or weighted split)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "Jiangsu 2026", value = "{\"targetFen\":5000000000,\"taskFen\":3000000000,\"weights\":[6,6,9,8,8,8,7,7,9,10,10,12]}"))))
    public AnnualTarget set(@PathVariable @Min(2000) @Max(2100) int year, @PathVariable Level level,
            @PathVariable @DimensionValue String unitId, @Valid @RequestBody SetTarget request, Caller caller) {
        String branchId = ownerBranch(level, unitId, caller, true);
        if (request.taskFen() > request.targetFen()) {
            throw new RuleViolation("taskFen", "the task is the floor: it cannot be above the target");
        }
        String problem = request.weights() == null ? null : MonthlySchedule.problemWith(request.weights());
        if (problem != null) {
            throw new RuleViolation("weights", problem);
        }
        AnnualTarget target = AnnualTarget.set(year, level, unitId, branchId, request.targetFen(), request.taskFen(),
                request.weights());
        targets.save(target);
        return target;
    }

    @GetMapping("/api/sales/targets/{year}/{level}/{unitId}")
    @Operation(summary = "The annual target, task and monthly schedule of a unit")
    public AnnualTarget get(@PathVariable int year, @PathVariable Level level, @PathVariable String unitId, Caller caller) {
        ownerBranch(level, unitId, caller, false);
        return targets.find(year, level, unitId).orElseThrow(() -> new NotFoundException("target", year + "/" + level + "/" + unitId));
    }

    @GetMapping("/api/sales/targets")
    @Operation(summary = "Every target of a year the caller may see (branch users: their branch and its salespeople)")
    public List<AnnualTarget> list(@RequestParam @Min(2000) @Max(2100) int year, Caller caller) {
        return targets.visible(caller, year);
    }

    @GetMapping("/api/hq/targets/{year}/gaps")
    @Operation(summary = "Where the children's targets or tasks do not add up to their parent's (HQ)")
    public List<TargetGap> gaps(@PathVariable @Min(2000) @Max(2100) int year, Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ sees the gaps between levels");
        }
        List<TargetGap> gaps = new ArrayList<>();
        for (Level level : List.of(Level.GROUP, Level.REGION, Level.BRANCH)) {
            for (AnnualTarget parent : targets.ofLevel(year, level)) {
                List<String> children = children(level, parent.unitId());
                List<AnnualTarget> childTargets = targets.ofLevel(year, level.child()).stream()
                        .filter(t -> children.contains(t.unitId())).toList();
                TargetGap gap = TargetGap.between(parent, children, childTargets);
                if (gap != null) {
                    gaps.add(gap);
                }
            }
        }
        return gaps;
    }

    private List<String> children(Level level, String unitId) {
        return switch (level) {
            case GROUP -> directory.branches().stream().map(Branch::regionId).distinct().toList();
            case REGION -> directory.branchesOfRegion(unitId).stream().map(Branch::id).toList();
            case BRANCH -> directory.salespeopleOf(unitId).stream().map(Salesperson::id).toList();
            case SALESPERSON -> List.of();
        };
    }

    /**
     * The branch a target belongs to ({@code null} for group and region), after checking the caller may read it or, if
     * {@code change}, set it. Another branch's unit answers 404.
     */
    private String ownerBranch(Level level, String unitId, Caller caller, boolean change) {
        switch (level) {
            case GROUP, REGION -> {
                if (!caller.isHq()) {
                    throw new AccessDeniedException("only HQ sees and sets group and region targets");
                }
                if (level == Level.GROUP && !Level.GROUP_UNIT.equals(unitId)) {
                    throw new NotFoundException("group", unitId);
                }
                if (level == Level.REGION && directory.branches().stream().noneMatch(b -> b.regionId().equals(unitId))) {
                    throw new NotFoundException("region", unitId);
                }
                return null;
            }
            case BRANCH -> {
                caller.requireVisible(unitId, "branch", unitId);
                directory.branch(unitId).orElseThrow(() -> new NotFoundException("branch", unitId));
                if (change && !caller.isHq()) {
                    throw new AccessDeniedException("only HQ sets branch targets");
                }
                return unitId;
            }
            default -> {
                Salesperson person = directory.salesperson(caller, unitId)
                        .orElseThrow(() -> new NotFoundException("salesperson", unitId));
                if (change && !caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
                    throw new AccessDeniedException("only the branch manager or HQ sets salesperson targets");
                }
                return person.branchId();
            }
        }
    }
}
