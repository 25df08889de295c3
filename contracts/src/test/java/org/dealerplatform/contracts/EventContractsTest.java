package org.dealerplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractsTest {

    static Stream<String> types() throws IOException, URISyntaxException {
        Path dir = Path.of(EventContracts.class.getClassLoader().getResource("contracts/events").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    @DisplayName("every event type has an example that conforms to its schema")
    void exampleConformsToSchema(String type) {
        assertThat(EventContracts.problems(type, EventContracts.example(type))).isEmpty();
    }

    @Test
    @DisplayName("a payload missing a required field or with a bad mobile number is refused")
    void refusesNonConformingPayload() {
        String type = "dealer.customers.CustomerRegistered.v1";
        String missingName = EventContracts.example(type).replace("\"name\": \"王伟\",", "");
        assertThat(EventContracts.problems(type, missingName)).anyMatch(p -> p.contains("name"));
        String badMobile = EventContracts.example(type).replace("13812345678", "12345");
        assertThatThrownBy(() -> EventContracts.assertConforms(type, badMobile)).isInstanceOf(AssertionError.class);
    }
}
