package org.dealerplatform.notification.outbound.delivery;

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
    private final String unansweredBy;

    public SmsSendFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    /** {@code unansweredBy}: the provider that got the request but did not answer in time (it may have the message). */
    public SmsSendFailure(Kind kind, String message, String unansweredBy) {
        super(message);
        this.kind = kind;
        this.unansweredBy = unansweredBy;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider that may have the message, so the retry must go to it alone; null if none. */
    public String unansweredBy() {
        return unansweredBy;
    }
}
