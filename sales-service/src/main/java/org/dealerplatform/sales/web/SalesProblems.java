package org.dealerplatform.sales.web;

import java.util.List;

import org.dealerplatform.platform.web.ProblemDetailsAdvice;
import org.dealerplatform.platform.web.Problems;
import org.dealerplatform.sales.sale.SaleRuleViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A broken sale rule (plain domain exception) answers 422 with the field it concerns. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SalesProblems {

    @ExceptionHandler(SaleRuleViolation.class)
    ProblemDetail saleRule(SaleRuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", List.of(new ProblemDetailsAdvice.FieldProblem(e.field(), e.getMessage())));
        return problem;
    }
}
