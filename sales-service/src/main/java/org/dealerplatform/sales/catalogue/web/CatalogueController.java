package org.dealerplatform.sales.catalogue.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.catalogue.ModelAlias;
import org.dealerplatform.sales.catalogue.VehicleModel;
import org.dealerplatform.sales.catalogue.persistence.ModelCatalogue;
import org.dealerplatform.sales.catalogue.persistence.SaleModelRemap;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HQ keeps the vehicle model catalogue and its aliases (SAL-12); every role reads the models. */
@RestController
@Validated
@Tag(name = "Model catalogue", description = "SAL-12 brands, series and models with their vehicle category (CUS-4); aliases for free-text spellings")
public class CatalogueController {

    private final ModelCatalogue catalogue;
    private final SaleModelRemap remap;
    private final KeptAnswers keptAnswers;

    public CatalogueController(ModelCatalogue catalogue, SaleModelRemap remap, KeptAnswers keptAnswers) {
        this.catalogue = catalogue;
        this.remap = remap;
        this.keptAnswers = keptAnswers;
    }

    @PostMapping("/api/hq/catalogue/remap-sales")
    @Operation(summary = "HQ: map the free-text models of sales stored before the catalogue to catalogue models through "
            + "the alias table (SAL-12). Idempotent (a sale naming a catalogue model is left alone) and resumable (a "
            + "checkpoint after each page of 500 sales; a call continues a pass cut short, or started with maxRecords). "
            + "Unknown spellings are kept and listed with counts and sale ids, never guessed. A pass that mapped anything "
            + "ends with the roll-up rebuild, so HQ's figures per model and category match the sales. Branch users: 403; "
            + "a pass already running: 409. A retry with the same Idempotency-Key answers the first pass's report "
            + "without running another (REL-7)")
    public ModelRemap.Report remapSales(@RequestParam(defaultValue = "0") @Min(0) int maxRecords, IdempotencyKey key) {
        return keptAnswers.once(key, "model-remap:" + SaleModelRemap.JOB, ModelRemap.Report.class,
                () -> remap.run(maxRecords));
    }

    @GetMapping("/api/hq/catalogue/remap-sales")
    @Operation(summary = "HQ: the last report of the sales model remap (SAL-12); 404 if it never ran")
    public ModelRemap.Report lastSalesRemap() {
        return remap.last().orElseThrow(() -> new NotFoundException("model remap", SaleModelRemap.JOB));
    }

    /** A model as HQ enters it. */
    public record ModelEntry(@NotBlank @Size(max = 40) String brand, @NotBlank @Size(max = 40) String series,
            @NotBlank @Size(max = 80) String name, @NotNull VehicleCategory category) {
    }

    /** The model an alias stands for. */
    public record AliasEntry(@NotBlank @Size(max = 80) @DimensionValue String modelId) {
    }

    @PutMapping("/api/hq/catalogue/models/{modelId}")
    @Operation(summary = "Add or change a catalogue model: brand, series, name and vehicle category (HQ); a change publishes VehicleModelChanged")
    public VehicleModel putModel(@PathVariable @NotBlank @Size(max = 80) @DimensionValue String modelId,
            @Valid @RequestBody ModelEntry entry) {
        VehicleModel model = new VehicleModel(modelId.strip(), entry.brand().strip(), entry.series().strip(),
                entry.name().strip(), entry.category());
        catalogue.save(model);
        return model;
    }

    @PutMapping("/api/hq/catalogue/aliases/{alias}")
    @Operation(summary = "Map a free-text spelling to a catalogue model (HQ); an unknown model answers 422 modelId")
    public ModelAlias putAlias(@PathVariable @NotBlank @Size(max = 80) @DimensionValue String alias,
            @Valid @RequestBody AliasEntry entry, Caller caller) {
        String modelId = entry.modelId().strip();
        if (catalogue.model(modelId).isEmpty()) {
            throw new RuleViolation("modelId", "no catalogue model " + modelId);
        }
        ModelAlias mapped = new ModelAlias(alias.strip(), modelId);
        catalogue.save(mapped, caller.userId());
        return mapped;
    }

    @GetMapping("/api/sales/catalogue/models")
    @Operation(summary = "The catalogue's models, optionally of one vehicle category (any role)")
    public List<VehicleModel> models(@RequestParam(required = false) VehicleCategory category) {
        return catalogue.models().stream().filter(m -> category == null || m.category() == category).toList();
    }
}
