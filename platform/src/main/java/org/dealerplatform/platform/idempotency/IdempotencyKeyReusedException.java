package org.dealerplatform.platform.idempotency;

/** The same caller sent the same {@code Idempotency-Key} with a different request: answered 422 (REL-7). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different request; use a new key for a new request");
    }
}
