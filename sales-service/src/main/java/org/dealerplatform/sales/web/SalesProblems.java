package org.dealerplatform.sales.web;

import java.util.List;

import org.dealerplatform.platform.web.ProblemDetailsAdvice;
import org.dealerplatform.platform.web.Problems;
import org.dealerplatform.sales.sale.SaleRuleViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Problem details for what the platform's advice does not map yet: a role refusal (403, not the catch-all 500), a sale
 * rule (422 with the field), a malformed query parameter (400). Candidate for the platform module.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SalesProblems {

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(SaleRuleViolation.class)
    ProblemDetail saleRule(SaleRuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", List.of(new ProblemDetailsAdvice.FieldProblem(e.field(), e.getMessage())));
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Validation failed");
        problem.setProperty("errors", List.of(new ProblemDetailsAdvice.FieldProblem(e.getName(),
                "is not a valid value: " + e.getValue())));
        return problem;
    }
}
