package org.dealerplatform.gateway.correlation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTest {

    @Test
    @DisplayName("GW-3 a valid traceparent is kept as it is")
    void keepsValid() {
        String header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(TraceParent.valid(header)).hasValue(header);
        assertThat(TraceParent.valid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-future"))
                .as("a later version may append fields").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"})
    @DisplayName("GW-3 an invalid traceparent is rejected")
    void rejectsInvalid(String header) {
        assertThat(TraceParent.valid(header)).isEmpty();
        assertThat(TraceParent.valid(null)).isEmpty();
    }

    @Test
    @DisplayName("GW-3 a new trace is a valid, sampled, version 00 traceparent, different each time")
    void newTraceIsValid() {
        String first = TraceParent.newTrace();

        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceParent.valid(first)).hasValue(first);
        assertThat(TraceParent.newTrace()).isNotEqualTo(first);
    }
}
