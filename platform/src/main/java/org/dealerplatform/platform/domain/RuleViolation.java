package org.dealerplatform.platform.domain;

/**
 * A well-formed request that a business rule refuses. Domain code throws it (or a subclass naming its rules) and stays
 * free of web types; every service answers it as 422 with the field it concerns (GW-4).
 */
public class RuleViolation extends RuntimeException {

    private final String field;

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the rule concerns, or {@code null} when it concerns the request as a whole. */
    public String field() {
        return field;
    }
}
