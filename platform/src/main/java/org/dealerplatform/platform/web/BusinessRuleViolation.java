package org.dealerplatform.platform.web;

/** A well-formed request that a business rule refuses (answered 422 with the rule's explanation). */
public class BusinessRuleViolation extends RuntimeException {

    private final String field;

    public BusinessRuleViolation(String message) {
        this(null, message);
    }

    public BusinessRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
