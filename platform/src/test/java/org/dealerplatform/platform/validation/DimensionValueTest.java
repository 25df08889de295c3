package org.dealerplatform.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DimensionValueTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Command(@DimensionValue String model, List<@DimensionValue String> ids) {
    }

    @ParameterizedTest(name = "[{index}] refuses \"{0}\"")
    @ValueSource(strings = {"*", "Passat|*", "Pass*at", "A\u0000B", "A\u0001", "line\nbreak", "tab\there", "del\u007f",
            "c1\u0085", "sep\u2028"})
    @DisplayName("INT-3 reserved characters (* and |), NUL and control characters are refused in a dimension value")
    void refusesReservedAndControlCharacters(String value) {
        Set<ConstraintViolation<Command>> violations = VALIDATOR.validate(new Command(value, List.of()));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath().toString()).isEqualTo("model");
            assertThat(v.getMessage()).isEqualTo("must not contain *, | or control characters");
        });
    }

    @Test
    @DisplayName("INT-3 ordinary ids and names, Chinese included, and a missing value pass")
    void acceptsOrdinaryValues() {
        assertThat(VALIDATOR.validate(new Command("Passat 330TSI", List.of("JS-NJ-01", "sp-li", "1HGCM82633A004352"))))
                .isEmpty();
        assertThat(VALIDATOR.validate(new Command("帕萨特 330TSI (2026)", null))).isEmpty();
        assertThat(VALIDATOR.validate(new Command(null, List.of()))).isEmpty();
    }

    @Test
    @DisplayName("INT-3 each element of a list of ids is checked, and the violation names it")
    void checksListElements() {
        Set<ConstraintViolation<Command>> violations = VALIDATOR.validate(new Command("ok", List.of("sp-li", "sp|x")));
        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("ids[1].<list element>"));
    }
}
