package org.dealerplatform.customer.customer.web;

import java.util.List;

import org.dealerplatform.customer.customer.FileRuleViolation;
import org.dealerplatform.platform.web.ProblemDetailsAdvice;
import org.dealerplatform.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a customer-file rule violation as 422 with the field, like the platform's BusinessRuleViolation. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FileRuleAdvice {

    @ExceptionHandler(FileRuleViolation.class)
    ProblemDetail fileRule(FileRuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", List.of(new ProblemDetailsAdvice.FieldProblem(e.field(), e.getMessage())));
        return problem;
    }
}
