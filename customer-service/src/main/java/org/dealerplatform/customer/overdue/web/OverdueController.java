package org.dealerplatform.customer.overdue.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dealerplatform.customer.file.web.CustomerView;
import org.dealerplatform.customer.overdue.application.OverdueFileCheck;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Overdue customer files per branch (CUS-2), oldest deadline first. */
@RestController
@RequestMapping("/api/customers/overdue")
@Validated
@Tag(name = "Two-day rule", description = "CUS-2")
public class OverdueController {

    private final OverdueFileCheck overdue;

    public OverdueController(OverdueFileCheck overdue) {
        this.overdue = overdue;
    }

    @GetMapping
    @Operation(summary = "Files of the caller's branch (HQ: any, or ?branchId=) that are incomplete past their deadline (visit date + 2 days, end of day Asia/Shanghai)")
    public PageResponse<CustomerView> overdue(@RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return overdue.overdueFiles(caller, branchId, page, size).map(CustomerView::of);
    }
}
