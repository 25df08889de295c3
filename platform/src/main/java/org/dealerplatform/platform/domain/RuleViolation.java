package org.dealerplatform.platform.domain;

/**
 * A well-formed request that a business rule refuses: the one rule-refusal type of every service (issue 14). Domain
 * code, use cases and adapters all throw it and stay free of web types; the platform's problem-details advice answers
 * it as 422 with the field it concerns (GW-4), or without field errors when the rule concerns the request as a whole.
 */
public class RuleViolation extends RuntimeException {

    private final String field;

    /** A rule about the request as a whole (no field errors in the answer). */
    public RuleViolation(String message) {
        this(null, message);
    }

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the rule concerns, or {@code null} when it concerns the request as a whole. */
    public String field() {
        return field;
    }
}
