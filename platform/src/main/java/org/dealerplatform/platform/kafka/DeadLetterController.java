package org.dealerplatform.platform.kafka;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of this service's dead letters (HQ role; not routed by the gateway, reached inside the network). */
@RestController
@RequestMapping("/admin/dead-letters")
@Tag(name = "Dead letters", description = "Operators (HQ): inside the network only, never routed by the gateway")
public class DeadLetterController {

    /** Kafka's rule for topic names (issue 12: documented and enforced, 400 otherwise). */
    static final String TOPIC = "[a-zA-Z0-9._-]+";
    static final int TOPIC_MAX_LENGTH = 249;

    private final DeadLetters deadLetters;
    private final KeptAnswers keptAnswers;

    public DeadLetterController(DeadLetters deadLetters, KeptAnswers keptAnswers) {
        this.deadLetters = deadLetters;
        this.keptAnswers = keptAnswers;
    }

    /** What a replay did: how many dead letters of the topic went back to their original topic. */
    public record Replayed(String topic, int replayed) {
    }

    /** Every dead-letter topic of this service with the number of records in it. */
    @GetMapping
    @Operation(summary = "Every dead-letter topic of this service with the number of records in it")
    public Map<String, Long> counts() {
        return deadLetters.counts();
    }

    /** The oldest dead letters of one topic, with the exception that sent each one there. */
    @GetMapping("/{topic}")
    @Operation(summary = "The oldest dead letters of one topic (at most limit, 1 to 500), with the exception that sent each one there")
    public List<DeadLetters.DeadLetter> read(@PathVariable @Size(max = TOPIC_MAX_LENGTH) @Pattern(regexp = TOPIC) String topic,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return deadLetters.read(topic, limit);
    }

    /** Sends every dead letter not replayed before back to its original topic. */
    @PostMapping("/{topic}/replay")
    @Operation(summary = "Send every dead letter of the topic not replayed before back to its original topic; a retry "
            + "with the same Idempotency-Key answers the first replay's count and replays nothing (REL-7)")
    public Replayed replay(@PathVariable @Size(max = TOPIC_MAX_LENGTH) @Pattern(regexp = TOPIC) String topic,
            IdempotencyKey key) {
        return keptAnswers.once(key, "dead-letter-replay", Replayed.class,
                () -> new Replayed(topic, deadLetters.replay(topic)));
    }
}
