package org.dealerplatform.customer.consultant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.dealerplatform.customer.consultant.application.Consultants;
import org.dealerplatform.customer.file.web.CustomerView;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.validation.DimensionValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** UI-3: the branch manager names the salesperson who looks after a customer. */
@RestController
@Validated
@Tag(name = "Customer files", description = "CUS-1, CUS-4, CUS-6, CUS-8")
public class ConsultantController {

    private final Consultants consultants;

    public ConsultantController(Consultants consultants) {
        this.consultants = consultants;
    }

    /** The salesperson (sales-service's salesperson id) who is to look after the customer. */
    public record ConsultantEntry(@NotBlank @Size(max = 40) @DimensionValue String salespersonId) {
    }

    @PutMapping("/api/customers/{id}/consultant")
    @Operation(summary = "Name the salesperson who looks after the customer (UI-3); branch manager of the file's branch or HQ "
            + "(others 403, another branch's file 404); a salesperson who left is refused (422, naming their successor). "
            + "A new file is looked after by the salesperson who opened it; when one leaves, their successor takes over "
            + "(sales-service's SalespersonDeactivated)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "consultant", value = "{\"salespersonId\":\"sp-js-nj-01-2\"}"))))
    public CustomerView assign(@PathVariable String id, @Valid @RequestBody ConsultantEntry entry, Caller caller) {
        return CustomerView.of(consultants.assign(caller, id, entry.salespersonId()));
    }
}
