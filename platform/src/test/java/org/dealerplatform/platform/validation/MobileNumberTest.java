package org.dealerplatform.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MobileNumberTest {

    @Test
    @DisplayName("CUS-8 mobile numbers: 1[3-9] plus nine digits, +86 / 0086 / spaces accepted and stripped")
    void normalizes() {
        assertThat(MobileNumber.normalize("13812345678")).isEqualTo("13812345678");
        assertThat(MobileNumber.normalize("+86 138-1234-5678")).isEqualTo("13812345678");
        assertThat(MobileNumber.normalize("008619912345678")).isEqualTo("19912345678");
        assertThat(MobileNumber.normalize("12812345678")).isNull();
        assertThat(MobileNumber.normalize("1381234567")).isNull();
        assertThat(MobileNumber.normalize("1381234567a")).isNull();
        assertThat(MobileNumber.normalize(null)).isNull();
    }

    @Test
    @DisplayName("CUS-8 the annotation patterns: ENTERED takes +86, STORED only the eleven digits")
    void annotationPatterns() {
        assertThat("+8613812345678").matches(MobileNumber.ENTERED);
        assertThat("13812345678").matches(MobileNumber.ENTERED).matches(MobileNumber.STORED);
        assertThat("+8613812345678").doesNotMatch(MobileNumber.STORED);
        assertThat("12812345678").doesNotMatch(MobileNumber.ENTERED);
        assertThat("138123456789").doesNotMatch(MobileNumber.ENTERED);
        assertThat("0086 13812345678").doesNotMatch(MobileNumber.ENTERED);
    }
}
