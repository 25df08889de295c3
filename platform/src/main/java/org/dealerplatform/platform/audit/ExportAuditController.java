package org.dealerplatform.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SEC-9 (PIPL): HQ reads who exported customer data from this service, when, with which filter, how many rows. One
 * controller for every service that exports customer data; each names its path in {@code dealer.audit.export-audit-path}
 * (registered only where it is set).
 */
@RestController
@Validated
@Tag(name = "Export audit", description = "SEC-9")
public class ExportAuditController {

    private final ExportAudit audit;

    public ExportAuditController(ExportAudit audit) {
        this.audit = audit;
    }

    @GetMapping("${dealer.audit.export-audit-path}")
    @Operation(summary = "HQ: every export of customer data from this service, newest first: who (subject, roles, branch), "
            + "when, which endpoint and filter, how many rows (SEC-9, PIPL); others 403")
    public PageResponse<ExportAudit.Entry> exportAudit(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ reads the export audit");
        }
        return audit.page(page, size);
    }
}
