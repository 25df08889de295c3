package org.dealerplatform.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link DimensionValue}: no reserved character ({@code *}, {@code |}) and no control character. */
public class DimensionValueValidator implements ConstraintValidator<DimensionValue, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || isClean(value);
    }

    /** Whether a value can serve as an id or dimension value (INT-3); usable outside Bean Validation too. */
    public static boolean isClean(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '*' || c == '|' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
