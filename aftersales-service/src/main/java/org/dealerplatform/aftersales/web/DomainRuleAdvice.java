package org.dealerplatform.aftersales.web;

import java.util.List;
import java.util.Map;

import org.dealerplatform.aftersales.DomainRuleViolation;
import org.dealerplatform.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an after-sales rule violation as a 422 problem naming the field, like the platform's BusinessRuleViolation,
 * and a refused role as 403. (The platform's catch-all handler would answer a controller's AccessDeniedException with
 * 500; this belongs in the platform's ProblemDetailsAdvice and is kept here until it moves.)
 */
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

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail roleRefused(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Your role may not do this: " + e.getMessage());
    }
}
