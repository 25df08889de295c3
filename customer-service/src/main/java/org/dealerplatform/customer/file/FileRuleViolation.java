package org.dealerplatform.customer.file;

import org.dealerplatform.platform.domain.RuleViolation;

/** A change a customer file refuses by its own rules (answered 422 with the field). */
public class FileRuleViolation extends RuleViolation {

    public FileRuleViolation(String field, String message) {
        super(field, message);
    }
}
