package org.dealerplatform.customer.erasure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.dealerplatform.customer.file.web.CustomerView;
import org.dealerplatform.customer.erasure.application.CustomerErasure;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** SEC-9 (PIPL): erasure of a customer's personal data on their request. */
@RestController
@RequestMapping("/api/customers")
@Validated
@Tag(name = "Personal data (PIPL)", description = "SEC-9")
public class ErasureController {

    private final CustomerErasure erasure;

    public ErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    /** Why the customer's data are erased (e.g. the customer's written request and its date); kept with the file. */
    public record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/{id}/erasure")
    @Operation(summary = "Erase the customer's personal data on their request (SEC-9, PIPL): name, mobile, e-mail, address, "
            + "notes, wishes, visit notes and plates are removed in place; id, branch, type, class, dates and vehicles' "
            + "VINs and models stay; status ERASED; publishes CustomerErased, on which every service blanks its copies. "
            + "HQ, or the branch manager of the file's branch; another branch's file answers 404 (like an unknown one), other roles 403. "
            + "Idempotent: erasing an erased file answers it again and publishes nothing. An erased file refuses "
            + "every later change (422 on customerId). REL-7: the Idempotency-Key is kept in the file; a retry with it "
            + "answers the file, the key with another reason 422",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "request", value = "{\"reason\":\"customer's written request of 2026-11-28\"}"))),
            responses = {@ApiResponse(responseCode = "200", description = "the erased file"),
                    @ApiResponse(responseCode = "403", description = "not HQ or a branch manager"),
                    @ApiResponse(responseCode = "404", description = "unknown file, or another branch's")})
    public CustomerView erase(@PathVariable String id, @Valid @RequestBody ErasureRequest request, Caller caller,
            IdempotencyKey key) {
        return CustomerView.of(erasure.erase(id, request.reason(), caller, key));
    }
}
