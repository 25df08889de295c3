package org.dealerplatform.sales.sale;

import org.dealerplatform.platform.domain.RuleViolation;

/** A sale change that the sale's rules refuse (answered 422 by the web adapter). */
public class SaleRuleViolation extends RuleViolation {

    public SaleRuleViolation(String field, String message) {
        super(field, message);
    }
}
