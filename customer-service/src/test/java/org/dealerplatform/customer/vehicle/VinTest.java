package org.dealerplatform.customer.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VinTest {

    @Test
    @DisplayName("CUS-8 the sample VINs pass the ISO 3779 check digit, including X for a remainder of 10")
    void samplesAreValid() {
        assertThat(Vin.problem("1HGCM82633A004352")).isNull();
        assertThat(Vin.problem("1M8GDM9AXKP042788")).isNull();
        assertThat(Vin.isValid(" 1hgcm82633a004352 ")).isTrue();
    }

    @Test
    @DisplayName("CUS-8 a wrong check digit, a wrong length and the letters I, O, Q are refused with the reason")
    void invalidVins() {
        assertThat(Vin.problem("1HGCM82643A004352")).contains("check digit").contains("3");
        assertThat(Vin.problem("1M8GDM9A1KP042788")).contains("must be X");
        assertThat(Vin.problem("1HGCM82633A00435")).contains("17 characters");
        assertThat(Vin.problem("1HGCM82633A0043521")).contains("17 characters");
        assertThat(Vin.problem("1HGCM82633A00435I")).contains("I, O and Q");
        assertThat(Vin.problem("OHGCM82633A004352")).contains("I, O and Q");
        assertThat(Vin.problem("QHGCM82633A004352")).contains("I, O and Q");
        assertThat(Vin.problem(null)).isNotNull();
    }
}
