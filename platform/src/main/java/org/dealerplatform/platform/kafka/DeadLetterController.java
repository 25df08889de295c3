package org.dealerplatform.platform.kafka;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of this service's dead letters (HQ role; not routed by the gateway, reached inside the network). */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Every dead-letter topic of this service with the number of records in it. */
    @GetMapping
    public Map<String, Long> counts() {
        return deadLetters.counts();
    }

    /** The oldest dead letters of one topic, with the exception that sent each one there. */
    @GetMapping("/{topic}")
    public List<DeadLetters.DeadLetter> read(@PathVariable String topic,
            @RequestParam(defaultValue = "50") int limit) {
        return deadLetters.read(topic, Math.max(1, Math.min(limit, 500)));
    }

    /** Sends every dead letter not replayed before back to its original topic. */
    @PostMapping("/{topic}/replay")
    public Map<String, Object> replay(@PathVariable String topic) {
        return Map.of("topic", topic, "replayed", deadLetters.replay(topic));
    }
}
