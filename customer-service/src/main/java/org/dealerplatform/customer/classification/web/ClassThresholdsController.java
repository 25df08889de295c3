package org.dealerplatform.customer.classification.web;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.dealerplatform.customer.classification.RuleVersion;
import org.dealerplatform.customer.classification.application.ClassThresholds;
import org.dealerplatform.platform.security.Caller;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HQ's entry of the class thresholds (CUS-3, UI-3): every role reads the thresholds in force; only HQ enters new ones,
 * which become a new rule version effective today (CUS-10).
 */
@RestController
@RequestMapping("/api/customers/classification/thresholds")
@Tag(name = "Classification", description = "CUS-3, CUS-10")
public class ClassThresholdsController {

    /** 10,000,000,000 yuan: above any customer's yearly purchases. */
    static final long MAX_AMOUNT_FEN = 1_000_000_000_000L;

    private final ClassThresholds thresholds;

    public ClassThresholdsController(ClassThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** One class's threshold as HQ enters it: reached by the amount (fen) or by the vehicle count (0 = not used). */
    public record Level(@Min(1) @Max(MAX_AMOUNT_FEN) long amountFen, @Min(0) @Max(1000) int vehicles) {
        RuleVersion.Threshold threshold() {
            return new RuleVersion.Threshold(amountFen, vehicles);
        }
    }

    /** New thresholds, based on the version read ({@code version}: 0 while the configured defaults are in force). */
    public record ThresholdsEntry(@Min(0) @Max(Long.MAX_VALUE) long version, @NotNull @Valid Level vip,
            @NotNull @Valid Level firstClass, @NotNull @Valid Level secondClass) {
    }

    /** The thresholds in force today, where they come from, and the version the next entry names. */
    public record Thresholds(long version, ClassThresholds.Source source, String ruleVersion, LocalDate effectiveFrom,
            RuleVersion.Threshold vip, RuleVersion.Threshold firstClass, RuleVersion.Threshold secondClass,
            String enteredBy, Instant enteredAt) {
        static Thresholds of(ClassThresholds.InForce inForce) {
            RuleVersion rule = inForce.rule();
            return new Thresholds(inForce.version(), inForce.source(), rule.version(), rule.effectiveFrom(), rule.vip(),
                    rule.firstClass(), rule.secondClass(), inForce.enteredBy(), inForce.enteredAt());
        }
    }

    @GetMapping
    @Operation(summary = "The class thresholds in force today: configured defaults until HQ enters thresholds (CUS-3)")
    public Thresholds get() {
        return Thresholds.of(thresholds.inForce());
    }

    @PutMapping
    @Operation(summary = "Enter the class thresholds (HQ): a new rule version effective today, used by new sales and the daily reclassification; amounts must be positive and descending from VIP, vehicle counts 0 (not used) or descending; 409 when the version is not the one in force (CUS-3, CUS-10)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"version\":0,\"vip\":{\"amountFen\":100000000,\"vehicles\":3},\"firstClass\":{\"amountFen\":30000000,\"vehicles\":2},\"secondClass\":{\"amountFen\":1,\"vehicles\":1}}"))))
    public Thresholds enter(@Valid @RequestBody ThresholdsEntry entry, Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ enters the class thresholds");
        }
        return Thresholds.of(thresholds.enter(entry.version(), entry.vip().threshold(), entry.firstClass().threshold(),
                entry.secondClass().threshold(), caller.userId()));
    }
}
