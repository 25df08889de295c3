package org.dealerplatform.sales.market.web;

import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.validation.DimensionValue;
import org.dealerplatform.sales.market.MarketTotal;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.market.persistence.MarketTotalStore;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.sale.Segment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HQ enters the total market per region, segment and month (SAL-6). */
@RestController
@RequestMapping("/api/hq/market-totals")
@Validated
@Tag(name = "Market totals", description = "SAL-6 total-market figures, the denominator of market share")
public class MarketTotalController {

    private final MarketTotalStore totals;
    private final OrganisationDirectory directory;

    public MarketTotalController(MarketTotalStore totals, OrganisationDirectory directory) {
        this.totals = totals;
        this.directory = directory;
    }

    /** One market figure: vehicles sold by the whole market, of every category or of one ({@code category}, CUS-4). */
    public record MarketTotalEntry(@NotBlank @Size(max = 20) @DimensionValue String regionId, @NotNull Segment segment,
            @NotNull @io.swagger.v3.oas.annotations.media.Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", maxLength = 7, example = "2026-11") YearMonth month,
            @PositiveOrZero long units, VehicleCategory category) {
    }

    @PutMapping
    @Operation(summary = "Enter or replace market totals (HQ), of every vehicle category or, with category, of one (SAL-6, CUS-4)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = @ExampleObject(value = "[{\"regionId\":\"JIANGSU\",\"segment\":\"INDIVIDUAL\",\"month\":\"2026-11\",\"units\":1250}]"))))
    public List<MarketTotal> enter(@RequestBody @NotEmpty @Size(max = 5000) List<@Valid MarketTotalEntry> entries, Caller caller) {
        requireHq(caller);
        List<String> regions = directory.branches().stream().map(Branch::regionId).distinct().toList();
        List<MarketTotal> saved = entries.stream().map(e -> {
            if (!regions.contains(e.regionId())) {
                throw new RuleViolation("regionId", "unknown region " + e.regionId());
            }
            return new MarketTotal(e.regionId(), e.segment().name(), e.category() == null ? null : e.category().name(),
                    e.month(), e.units());
        }).toList();
        saved.forEach(t -> totals.save(t, caller.userId()));
        return saved;
    }

    @GetMapping
    @Operation(summary = "Market totals of a year (HQ)")
    public List<MarketTotal> ofYear(@RequestParam @Min(2000) @Max(2100) int year, Caller caller) {
        requireHq(caller);
        return totals.ofYear(year);
    }

    private static void requireHq(Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ enters and reads market totals");
        }
    }
}
