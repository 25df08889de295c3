package org.dealerplatform.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.contracts.EventContracts;

/**
 * One event of a poll, as a service's listener is to get it (the service's test turns it into its
 * {@code IncomingEvent}): id, type, aggregate (subject), aggregate version, payload, and its place in the partition.
 */
public record PollEvent(String id, String type, String subject, long version, byte[] payload, String topic,
        long offset) {

    /** The customer-file example's id, replaced by the event's customer. */
    static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";

    /**
     * The contract example of {@code type} for customer {@code id} at {@code version}, with {@code replacements} applied
     * to its text (old → new) before the example's customer id becomes {@code id}.
     */
    public static PollEvent example(String type, String id, long version, Map<String, String> replacements,
            String topic, long offset) {
        String payload = EventContracts.example(type);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            payload = payload.replace(replacement.getKey(), replacement.getValue());
        }
        payload = payload.replace(EXAMPLE_ID, id);
        return new PollEvent(UUID.randomUUID().toString(), type, id, version, payload.getBytes(StandardCharsets.UTF_8),
                topic, offset);
    }
}
