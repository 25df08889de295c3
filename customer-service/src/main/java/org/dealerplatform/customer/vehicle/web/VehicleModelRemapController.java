package org.dealerplatform.customer.vehicle.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.dealerplatform.customer.vehicle.persistence.VehicleModelRemap;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SAL-12: HQ maps the free-text models of customer vehicles stored before the catalogue to catalogue models. */
@RestController
@Validated
@Tag(name = "Vehicle model remap", description = "SAL-12 HQ job: stored free-text vehicle models to catalogue models")
public class VehicleModelRemapController {

    private final VehicleModelRemap remap;

    public VehicleModelRemapController(VehicleModelRemap remap) {
        this.remap = remap;
    }

    @PostMapping("/api/customers/model-remap")
    @Operation(summary = "HQ: map the free-text models of customer vehicles stored before the catalogue to catalogue "
            + "models (id, else alias) with the catalogue's category (SAL-12). Idempotent (a vehicle naming a catalogue "
            + "model is left alone) and resumable (a checkpoint after each page of 500 files; a call continues a pass "
            + "cut short, or started with maxRecords). Unknown spellings are kept and listed with counts and customer "
            + "ids, never guessed. Branch users: 403; a pass already running: 409")
    public ModelRemap.Report run(@RequestParam(defaultValue = "0") @Min(0) int maxRecords, Caller caller) {
        requireHq(caller);
        return remap.run(maxRecords);
    }

    @GetMapping("/api/customers/model-remap")
    @Operation(summary = "HQ: the last report of the customer vehicles' model remap (SAL-12); 404 if it never ran")
    public ModelRemap.Report last(Caller caller) {
        requireHq(caller);
        return remap.last().orElseThrow(() -> new NotFoundException("model remap", VehicleModelRemap.JOB));
    }

    private static void requireHq(Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("the model remap is HQ's");
        }
    }
}
