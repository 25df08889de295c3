package org.dealerplatform.platform.web;

import java.util.ArrayList;
import java.util.List;


import jakarta.validation.ConstraintViolationException;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.IdempotencyKeyReusedException;
import org.dealerplatform.platform.kafka.DeadLetters;
import org.dealerplatform.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error a service answers is an RFC 9457 problem detail (GW-4): validation failures list each field with its
 * message under {@code errors}; unexpected failures say only that, with the correlation id, never a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One invalid field: its JSON path and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DeadLetters.UnknownDeadLetterTopicException.class)
    ProblemDetail unknownTopic(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, e.getMessage());
        if (e.existing() != null) {
            problem.setProperty("existing", e.existing());
        }
        return problem;
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return withErrors(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()),
                List.of(new FieldProblem(IdempotencyKey.HEADER, "was already used for a different request")));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Caller.BranchRequiredException.class)
    ProblemDetail branchRequired(Caller.BranchRequiredException e) {
        return withErrors(Problems.of(HttpStatus.BAD_REQUEST, "Validation failed"),
                List.of(new FieldProblem("branchId", e.getMessage())));
    }

    @ExceptionHandler(Caller.ForeignBranchException.class)
    ProblemDetail foreignBranch(Caller.ForeignBranchException e) {
        return Problems.of(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, e.getMessage() == null ? "Your role may not do this" : e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return withErrors(Problems.of(HttpStatus.BAD_REQUEST, "Validation failed"),
                List.of(new FieldProblem(e.getName(), "is not a valid value: " + e.getValue())));
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail businessRule(RuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        return e.field() == null ? problem : withErrors(problem, List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage())).toList();
        return withErrors(Problems.of(HttpStatus.BAD_REQUEST, "Validation failed"), errors);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected failure", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote correlation id " + MDC.get("correlationId") + " to support");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        ProblemDetail problem = withErrors(Problems.of(HttpStatus.BAD_REQUEST, "Validation failed"), errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(
                new FieldProblem(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        ProblemDetail problem = withErrors(Problems.of(HttpStatus.BAD_REQUEST, "Validation failed"), errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodyLimitFilter.BodyTooLargeException tooLarge) {
                return handleExceptionInternal(ex, Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()),
                        headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this request");
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            // SEC-8: a control character in body text is named as such; anything else is a type or format mismatch
            String message = databind instanceof BodyText.ControlCharacterException control ? control.fieldMessage()
                    : "has a value of the wrong type or format";
            withErrors(problem, List.of(new FieldProblem(field, message)));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && MDC.get("correlationId") != null
                && (problem.getProperties() == null || !problem.getProperties().containsKey("correlationId"))) {
            problem.setProperty("correlationId", MDC.get("correlationId"));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

}
