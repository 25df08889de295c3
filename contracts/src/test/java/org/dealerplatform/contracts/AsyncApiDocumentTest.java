package org.dealerplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** ECO-3: the committed AsyncAPI document is the one the contracts make, and it lists every event type. */
class AsyncApiDocumentTest {

    static final String REGENERATE = "mvn -o -q -pl contracts -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true test";

    /** The repository root: Surefire runs in the module's folder. */
    private static final Path COMMITTED = Path.of("..").resolve(AsyncApiDocument.PATH).normalize();

    @Test
    @DisplayName("ECO-3 the committed docs/asyncapi.yaml is up to date with the contracts")
    void committedDocumentIsUpToDate() throws IOException {
        String generated = AsyncApiDocument.yaml();
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as("%s is missing; write it with: %s", AsyncApiDocument.PATH, REGENERATE)
                .isTrue();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(committed.equals(generated))
                .as("%s is out of date with the event contracts; regenerate it with: %s", AsyncApiDocument.PATH,
                        REGENERATE)
                .isTrue();
    }

    @Test
    @DisplayName("ECO-3 every event type of contracts/events is a message of the AsyncAPI document, on its catalogue topic")
    void everyEventTypeIsAMessage() throws IOException, URISyntaxException {
        JsonNode document = new YAMLMapper().readTree(AsyncApiDocument.yaml());
        Set<String> contracts = contractTypes();
        Set<String> titles = new TreeSet<>();
        document.path("components").path("messages").forEach(message -> titles.add(message.path("title").asString()));

        assertThat(contracts).hasSizeGreaterThan(20);
        assertThat(titles).isEqualTo(contracts);
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        for (AsyncApiDocument.Event event : AsyncApiDocument.events()) {
            JsonNode channel = document.path("channels").path(AsyncApiDocument.channelKey(event.topic()));
            assertThat(channel.path("address").asString()).as(event.type()).isEqualTo(event.topic());
            assertThat(channel.path("messages").path(event.key()).path("$ref").asString()).as(event.type())
                    .isEqualTo("#/components/messages/" + event.key());
            JsonNode payload = document.path("components").path("schemas").path(event.key());
            JsonNode schema = AsyncApiDocument.parse(EventContractsSource.schema(event.type()));
            assertThat(payload.path("properties")).as(event.type()).isEqualTo(schema.path("properties"));
            assertThat(payload.path("required")).as(event.type()).isEqualTo(schema.path("required"));
            JsonNode example = document.path("components").path("messages").path(event.key()).path("examples").path(0);
            assertThat(example.path("payload")).as(event.type())
                    .isEqualTo(AsyncApiDocument.parse(EventContracts.example(event.type())));
            assertThat(example.path("headers").path("ce_type").asString()).isEqualTo(event.type());
        }
    }

    @Test
    @DisplayName("ECO-3 the messages' headers are the CloudEvents envelope of envelope.md")
    void headersAreTheEnvelope() {
        JsonNode headers = AsyncApiDocument.document().path("components").path("schemas").path("CloudEventHeaders");
        List<String> names = new ArrayList<>();
        headers.path("properties").propertyNames().forEach(names::add);

        assertThat(names).containsAll(List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time",
                "ce_subject", "ce_aggregateversion", "ce_correlationid", "ce_causationid", "ce_branchid",
                "ce_traceparent", "traceparent", "content-type"));
        assertThat(names).containsExactlyElementsOf(AsyncApiDocument.headers().keySet());
    }

    /** The event types with a schema file: what the document must cover, read from the folder, not the catalogue. */
    private static Set<String> contractTypes() throws IOException, URISyntaxException {
        Path dir = Path.of(EventContracts.class.getClassLoader().getResource("contracts/events").toURI());
        Set<String> types = new TreeSet<>();
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .forEach(n -> types.add(n.substring(0, n.length() - ".schema.json".length())));
        }
        return types;
    }

    /** The raw schema text of a type. */
    private static final class EventContractsSource {
        static String schema(String type) {
            try (var in = EventContracts.class.getClassLoader()
                    .getResourceAsStream("contracts/events/" + type + ".schema.json")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
