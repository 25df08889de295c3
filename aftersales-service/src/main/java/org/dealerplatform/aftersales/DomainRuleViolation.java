package org.dealerplatform.aftersales;

/**
 * A well-formed request that an after-sales rule refuses (answered 422 by the web layer). Domain code throws this
 * instead of a web exception so that it stays free of Spring web.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String field;

    public DomainRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
