package org.dealerplatform.customer.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LicensePlateTest {

    @Test
    @DisplayName("CUS-8 GA 36-2018: 7-character plates and 8-character new-energy plates with D/F are accepted")
    void validPlates() {
        assertThat(LicensePlate.isValid("苏A12345")).isTrue();
        assertThat(LicensePlate.isValid("京B8C9D2")).isTrue();
        assertThat(LicensePlate.isValid("苏A·12345")).isTrue();
        assertThat(LicensePlate.isValid("苏AD12345")).isTrue();
        assertThat(LicensePlate.isValid("苏AF12345")).isTrue();
        assertThat(LicensePlate.isValid("苏A12345D")).isTrue();
        assertThat(LicensePlate.isValid("粤B1234学")).isTrue();
    }

    @Test
    @DisplayName("CUS-8 wrong length, unknown province, I/O letters and 8 characters without D/F are refused")
    void invalidPlates() {
        assertThat(LicensePlate.isValid("苏A1234")).isFalse();
        assertThat(LicensePlate.isValid("苏A123456")).isFalse();
        assertThat(LicensePlate.isValid("AA12345")).isFalse();
        assertThat(LicensePlate.isValid("苏I12345")).isFalse();
        assertThat(LicensePlate.isValid("苏A1O345")).isFalse();
        assertThat(LicensePlate.isValid("苏AX12345")).isFalse();
        assertThat(LicensePlate.isValid("")).isFalse();
    }
}
