package org.dealerplatform.customer.customer;

/** A change a customer file refuses by its own rules (answered 422 with the field). */
public class FileRuleViolation extends RuntimeException {

    private final String field;

    public FileRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
