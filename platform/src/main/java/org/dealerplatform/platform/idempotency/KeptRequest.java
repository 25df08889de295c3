package org.dealerplatform.platform.idempotency;

import java.time.Instant;

/** A request an aggregate applied under an {@code Idempotency-Key}, stored in the aggregate's own document (REL-7). */
public record KeptRequest(String subject, String key, String fingerprint, Instant at) {

    static KeptRequest of(IdempotencyKey key) {
        return new KeptRequest(key.subject(), key.key(), key.fingerprint(), key.receivedAt());
    }
}
