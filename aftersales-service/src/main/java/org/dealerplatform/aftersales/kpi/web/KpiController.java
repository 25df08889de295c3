package org.dealerplatform.aftersales.kpi.web;

import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.aftersales.kpi.BranchKpis;
import org.dealerplatform.aftersales.kpi.persistence.KpiQueries;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** After-sales KPIs per branch and month (AFT-7): a branch sees its own, HQ every branch. */
@RestController
@RequestMapping("/api/aftersales/kpis")
@Tag(name = "After-sales KPIs", description = "AFT-7 services, revenue, reminder conversion, satisfaction, open complaints")
public class KpiController {

    private final KpiQueries kpis;
    private final BusinessCalendar calendar;

    public KpiController(KpiQueries kpis, BusinessCalendar calendar) {
        this.kpis = kpis;
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(summary = "KPIs of a month (default: the current one) for the caller's branch; HQ: one branch or all")
    public List<BranchKpis> get(@Parameter(example = "2026-11") @RequestParam(required = false) YearMonth month,
            @RequestParam(required = false) String branchId, Caller caller) {
        YearMonth which = month == null ? YearMonth.from(calendar.today()) : month;
        if (branchId != null && !branchId.isBlank()) {
            caller.requireVisible(branchId, "branch", branchId);
            return List.of(kpis.of(branchId, which));
        }
        if (!caller.isHq()) {
            return List.of(kpis.of(caller.branchId(), which));
        }
        return kpis.branches().stream().map(b -> kpis.of(b, which)).toList();
    }
}
