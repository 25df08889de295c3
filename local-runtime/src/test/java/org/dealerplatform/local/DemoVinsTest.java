package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoVinsTest {

    @Test
    @DisplayName("CUS-8 demo VINs carry a valid ISO 3779 check digit and never I, O or Q")
    void validVins() {
        assertThat(DemoVins.checkDigit("1HGCM82633A004352")).isEqualTo('3');
        assertThat(DemoVins.checkDigit("1M8GDM9AXKP042788")).isEqualTo('X');
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 50_000; n += 7) {
            String vin = DemoVins.vin("LSV", n);
            assertThat(vin).hasSize(17).matches("[A-HJ-NPR-Z0-9]{17}");
            assertThat(vin.charAt(8)).isEqualTo(DemoVins.checkDigit(vin));
            assertThat(seen.add(vin)).as("unique " + vin).isTrue();
        }
    }
}
