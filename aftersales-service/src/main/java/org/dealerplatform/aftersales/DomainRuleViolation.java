package org.dealerplatform.aftersales;

import org.dealerplatform.platform.domain.RuleViolation;

/**
 * A well-formed request that an after-sales rule refuses (answered 422 by the web layer). Domain code throws this
 * instead of a web exception so that it stays free of Spring web.
 */
public class DomainRuleViolation extends RuleViolation {

    public DomainRuleViolation(String field, String message) {
        super(field, message);
    }
}
