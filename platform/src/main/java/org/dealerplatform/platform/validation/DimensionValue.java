package org.dealerplatform.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An id or a dimension value (model, segment, branch, salesperson, VIN ...): it may not contain {@code *} or {@code |}
 * (the roll-ups' "all" key and their id separator, so a model named {@code *} would count twice) nor NUL or any other
 * control character (INT-3). {@code null} is valid; combine with {@code @NotBlank} where a value is required.
 */
@Documented
@Constraint(validatedBy = DimensionValueValidator.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface DimensionValue {

    String message() default "must not contain *, | or control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
