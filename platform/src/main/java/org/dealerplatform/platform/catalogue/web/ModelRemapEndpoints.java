package org.dealerplatform.platform.catalogue.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Min;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * SAL-12: the two HQ endpoints of a service's model remap ({@link ModelRemap}): run or continue a pass, and read the
 * last report. A service declares a {@code @RestController @Validated} subclass with its path prefix
 * ({@code @RequestMapping}, e.g. {@code /api/customers}) and its tag, which says what its records are.
 */
public abstract class ModelRemapEndpoints {

    private final ModelRemap.Job job;
    private final KeptAnswers keptAnswers;

    protected ModelRemapEndpoints(ModelRemap.Job job, KeptAnswers keptAnswers) {
        this.job = job;
        this.keptAnswers = keptAnswers;
    }

    @PostMapping("/model-remap")
    @Operation(summary = "HQ: map the free-text vehicle models this service stored before the catalogue to catalogue "
            + "models (id, else alias) with the catalogue's category (SAL-12; serviced vehicles take the model's default "
            + "maintenance plan with it, AFT-2). Idempotent (a record naming a catalogue model is left alone) and "
            + "resumable (a checkpoint after each page of 500 records; a call continues a pass cut short, or started "
            + "with maxRecords). Unknown spellings are kept and listed with counts and record ids, never guessed. "
            + "Branch users: 403; a pass already running: 409. A retry with the same Idempotency-Key answers the first "
            + "pass's report without running another (REL-7)")
    public ModelRemap.Report run(@RequestParam(defaultValue = "0") @Min(0) int maxRecords, Caller caller,
            IdempotencyKey key) {
        requireHq(caller);
        return keptAnswers.once(key, "model-remap:" + job.name(), ModelRemap.Report.class, () -> job.run(maxRecords));
    }

    @GetMapping("/model-remap")
    @Operation(summary = "HQ: the last report of this service's model remap (SAL-12); 404 if it never ran")
    public ModelRemap.Report last(Caller caller) {
        requireHq(caller);
        return job.last().orElseThrow(() -> new NotFoundException("model remap", job.name()));
    }

    private static void requireHq(Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("the model remap is HQ's");
        }
    }
}
