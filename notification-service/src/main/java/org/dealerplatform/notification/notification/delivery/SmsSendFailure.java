package org.dealerplatform.notification.notification.delivery;

/** Why an SMS could not be handed to any provider (NOT-5). */
public class SmsSendFailure extends RuntimeException {

    /** How the dispatcher should react. */
    public enum Kind {
        /** Every provider's circuit is open or its bulkhead full: wait, without counting an attempt. */
        UNAVAILABLE,
        /** Providers were tried and failed (5xx, timeout, connection): retry with back-off. */
        TRANSIENT,
        /** A provider refused the message itself (e.g. invalid number): fail over to another channel. */
        REJECTED
    }

    private final Kind kind;

    public SmsSendFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
