package org.dealerplatform.platform.web;

import org.dealerplatform.platform.domain.RuleViolation;

/** A rule refused in an adapter (controller, import); domain code throws {@link RuleViolation} directly. */
public class BusinessRuleViolation extends RuleViolation {

    public BusinessRuleViolation(String message) {
        this(null, message);
    }

    public BusinessRuleViolation(String field, String message) {
        super(field, message);
    }
}
