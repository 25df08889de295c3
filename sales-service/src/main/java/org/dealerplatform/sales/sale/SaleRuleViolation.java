package org.dealerplatform.sales.sale;

/** A sale change that the sale's rules refuse (answered 422 by the web adapter). */
public class SaleRuleViolation extends RuntimeException {

    private final String field;

    public SaleRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
