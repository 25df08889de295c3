package org.dealerplatform.aftersales.web;

import java.util.List;
import java.util.Map;

import org.dealerplatform.aftersales.DomainRuleViolation;
import org.dealerplatform.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers an after-sales rule violation (plain domain exception) as a 422 problem naming the field. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DomainRuleAdvice {

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail ruleViolated(DomainRuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
        return problem;
    }
}
