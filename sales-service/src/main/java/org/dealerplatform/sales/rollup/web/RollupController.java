package org.dealerplatform.sales.rollup.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.rollup.persistence.RollupRebuild;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HQ roll-up itself (SAL-9): figures per level, unit, month, segment and model, and the rebuild operation. */
@RestController
@RequestMapping("/api/hq/rollups")
@Tag(name = "HQ roll-up", description = "SAL-9 pre-aggregated group figures kept current from sale events")
public class RollupController {

    private final RollupStore store;
    private final RollupRebuild rebuild;
    private final KeptAnswers keptAnswers;

    public RollupController(RollupStore store, RollupRebuild rebuild, KeptAnswers keptAnswers) {
        this.keptAnswers = keptAnswers;
        this.store = store;
        this.rebuild = rebuild;
    }

    /** One month's figures of a cell. */
    public record CellFigures(String month, long amountFen, java.math.BigDecimal units) {
    }

    /** A roll-up answer: the months asked for and their total. */
    public record RollupAnswer(Level level, String unitId, String segment, String model, String category, List<CellFigures> months,
            long totalAmountFen, java.math.BigDecimal totalUnits) {
    }

    @GetMapping
    @Operation(summary = "Figures of one unit (group, region, branch, salesperson) per month for a segment and a model or a vehicle category (CUS-4) (* = all); indexed point reads")
    public RollupAnswer figures(@RequestParam Level level,
            @RequestParam @Parameter(example = "JIANGSU") String unitId,
            @RequestParam @Parameter(example = "2026-01") YearMonth from,
            @RequestParam @Parameter(example = "2026-12") YearMonth to,
            @RequestParam(defaultValue = RollupCell.ALL) String segment,
            @RequestParam(defaultValue = RollupCell.ALL) String model,
            @RequestParam(defaultValue = RollupCell.ALL) @Parameter(example = "SPRINKLER") String category,
            Caller caller) {
        requireHq(caller);
        if (!RollupCell.ALL.equals(category)) {
            if (java.util.Arrays.stream(VehicleCategory.values()).noneMatch(c -> c.name().equals(category))) {
                throw new RuleViolation("category", "unknown vehicle category " + category);
            }
            if (!RollupCell.ALL.equals(model)) {
                throw new RuleViolation("category", "a model determines its category: cut by model or by category, not both");
            }
        }
        if (from.isAfter(to) || from.plusMonths(120).isBefore(to)) {
            throw new RuleViolation("to", "give a range of 1 to 120 months, from before to");
        }
        List<RollupCell> cells = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            cells.add(new RollupCell(level, unitId, m, segment, model, category));
        }
        List<CellFigures> months = new ArrayList<>();
        Figures total = Figures.ZERO;
        for (var entry : store.read(cells).entrySet()) {
            months.add(new CellFigures(entry.getKey().month().toString(), entry.getValue().amountFen(), entry.getValue().units()));
            total = total.plus(entry.getValue());
        }
        return new RollupAnswer(level, unitId, segment, model, category, months, total.amountFen(), total.units());
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Recompute every roll-up figure from the sales themselves (HQ); a retry with the same "
            + "Idempotency-Key answers the first rebuild's result without rebuilding again (REL-7)")
    public RollupRebuild.Result rebuild(Caller caller, IdempotencyKey key) {
        requireHq(caller);
        return keptAnswers.once(key, "rollup-rebuild", RollupRebuild.Result.class, rebuild::rebuild);
    }

    private static void requireHq(Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("the roll-up is HQ's");
        }
    }
}
