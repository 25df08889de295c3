package org.dealerplatform.aftersales.nextstep.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.aftersales.nextstep.application.NextStepQuery;
import org.dealerplatform.aftersales.nextstep.application.NextStepQuery.NextSteps;
import org.dealerplatform.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** AFT-3: what to offer a customer next — the maintenance of their vehicles by due date, and their open invitations. */
@RestController
@RequestMapping("/api/aftersales/customers/{customerId}/next-steps")
@Tag(name = "Next steps", description = "AFT-3 the next service for a customer: maintenance due, campaigns")
public class NextStepController {

    private final NextStepQuery nextSteps;

    public NextStepController(NextStepQuery nextSteps) {
        this.nextSteps = nextSteps;
    }

    @GetMapping
    @Operation(summary = "A customer's next steps: maintenance due (soonest first) and open invitations; another branch's customer answers 404 like an unknown one (HQ: any customer)")
    public NextSteps get(@PathVariable String customerId, Caller caller) {
        return nextSteps.of(caller, customerId); // GW-2, INT-1: the query answers 404 for a customer the caller may not see
    }
}
