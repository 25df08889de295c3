package org.dealerplatform.sales.visit;

import org.dealerplatform.platform.domain.RuleViolation;

/** A visit rule refused (SAL-7): answered 422 with the field. */
public class VisitRuleViolation extends RuleViolation {

    public VisitRuleViolation(String field, String message) {
        super(field, message);
    }
}
