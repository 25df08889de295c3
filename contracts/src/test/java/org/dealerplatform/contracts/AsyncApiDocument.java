package org.dealerplatform.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * ECO-3: the AsyncAPI 3.0 document of the platform's events, made from the contracts alone, so it cannot say anything
 * the contracts do not: the channels are the Kafka topics and the messages the event types of {@code EVENTS.md} (type,
 * description, topic), each message's payload is its {@code events/<type>.schema.json} and its example
 * {@code events/<type>.example.json}, and the headers are the CloudEvents binary-mode headers of {@code envelope.md}.
 * {@link AsyncApiDocumentTest} compares the result with the committed {@code docs/asyncapi.yaml} and rewrites it when
 * run with {@code -Dasyncapi.write=true}.
 */
final class AsyncApiDocument {

    /** Where the document is committed, relative to the repository root; the gateway serves it at /docs/asyncapi.yaml. */
    static final String PATH = "docs/asyncapi.yaml";

    private static final String ROOT = "contracts/";
    private static final Pattern HEADING = Pattern.compile("^## `([^`]+)`\\s*$");
    private static final Pattern TOPIC = Pattern.compile("^Topic: `([^`]+)`\\s*$");
    private static final Pattern HEADER_ROW = Pattern.compile("^\\| ((?:`[^`]+`(?:, )?)+) \\| (.+) \\|\\s*$");
    private static final Pattern TYPE = Pattern.compile("dealer\\.([a-z]+)\\.([A-Za-z]+)\\.v([0-9]+)");
    /** Headers every event carries (envelope.md); the others are there when they apply (e.g. the causation id). */
    private static final List<String> REQUIRED_HEADERS = List.of("ce_specversion", "ce_id", "ce_type", "ce_source",
            "ce_time", "ce_subject", "content-type");
    private static final Map<String, String> PRODUCERS = Map.of("customers", "customer-service", "sales",
            "sales-service", "aftersales", "aftersales-service", "notifications", "notification-service");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One event type as the catalogue lists it. */
    record Event(String type, String topic) {

        String service() {
            return matcher().group(1);
        }

        String name() {
            return matcher().group(2);
        }

        String version() {
            return matcher().group(3);
        }

        /** The component key of the message and its payload schema, e.g. {@code CustomerRegistered_v1}. */
        String key() {
            return name() + "_v" + version();
        }

        private Matcher matcher() {
            Matcher matcher = TYPE.matcher(type);
            if (!matcher.matches()) {
                throw new IllegalStateException("event type " + type + " is not dealer.<service>.<Name>.v<N>");
            }
            return matcher;
        }
    }

    private AsyncApiDocument() {
    }

    /** The event types of {@code EVENTS.md}, in its order, each with the topic it is published on. */
    static List<Event> events() {
        List<Event> events = new ArrayList<>();
        String type = null;
        for (String line : read("EVENTS.md").split("\n")) {
            Matcher heading = HEADING.matcher(line);
            Matcher topic = TOPIC.matcher(line);
            if (heading.matches()) {
                if (type != null) {
                    throw new IllegalStateException("EVENTS.md names no topic for " + type);
                }
                type = heading.group(1);
            } else if (topic.matches() && type != null) {
                events.add(new Event(type, topic.group(1)));
                type = null;
            }
        }
        if (type != null) {
            throw new IllegalStateException("EVENTS.md names no topic for " + type);
        }
        return events;
    }

    /** The envelope's headers from the table of {@code envelope.md}: name to meaning, in its order. */
    static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : read("envelope.md").split("\n")) {
            Matcher row = HEADER_ROW.matcher(line);
            if (row.matches()) {
                for (String name : row.group(1).split(", ")) {
                    headers.put(name.replace("`", ""), row.group(2).replace("`", "").trim());
                }
            }
        }
        return headers;
    }

    /** The document as YAML. */
    static String yaml() {
        // every string quoted: unquoted dates (2026-11-20) would be timestamps to YAML 1.1 readers, not strings
        YAMLMapper yaml = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).disable(YAMLWriteFeature.SPLIT_LINES).build();
        return "# Generated by contracts/src/test/java/org/dealerplatform/contracts/AsyncApiDocument.java from the event\n"
                + "# contracts (EVENTS.md, envelope.md, events/*.json); do not edit by hand. Regenerate with\n"
                + "# " + AsyncApiDocumentTest.REGENERATE + "\n"
                + yaml.writeValueAsString(document());
    }

    static ObjectNode document() {
        List<Event> events = events();
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Dealer platform events");
        info.put("version", "1.0.0");
        info.put("description", "Every event the services publish on Kafka (ECO-3), generated from the event contracts "
                + "(contracts/src/main/resources/contracts). CloudEvents 1.0 in Kafka binary mode: the attributes "
                + "travel as ce_* headers, the record value is exactly the JSON payload the schema describes, the record "
                + "key is the aggregate id (per-aggregate order). Topics are <service>.<aggregate>.events with at least "
                + "3 partitions; dead letters go to <topic>.<consumer-group>.dlt. Adding an optional field is "
                + "compatible; anything else is a new .vN type published side by side.");
        document.put("defaultContentType", "application/json");

        Map<String, List<Event>> byTopic = new LinkedHashMap<>();
        events.forEach(event -> byTopic.computeIfAbsent(event.topic(), topic -> new ArrayList<>()).add(event));

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        byTopic.forEach((topic, onTopic) -> {
            String channelKey = channelKey(topic);
            ObjectNode channel = channels.putObject(channelKey);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", "Kafka topic " + topic + " (key = aggregate id), published by "
                    + String.join(", ", onTopic.stream().map(e -> PRODUCERS.get(e.service())).distinct().toList())
                    + " through its outbox.");
            ObjectNode messages = channel.putObject("messages");
            onTopic.forEach(event -> messages.putObject(event.key())
                    .put("$ref", "#/components/messages/" + event.key()));
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic);
            kafka.put("partitions", 3);
            kafka.put("bindingVersion", "0.5.0");

            ObjectNode operation = operations.putObject("publish_" + channelKey);
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + channelKey);
            operation.put("summary", "The producing service sends these events to " + topic + ".");
            ArrayNode refs = operation.putArray("messages");
            onTopic.forEach(event -> refs.addObject().put("$ref", "#/channels/" + channelKey + "/messages/" + event.key()));
        });

        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventHeaders", envelopeSchema());
        ObjectNode messages = components.putObject("messages");
        for (Event event : events) {
            if (messages.has(event.key())) {
                throw new IllegalStateException("two event types make the key " + event.key());
            }
            ObjectNode payload = (ObjectNode) JSON.readTree(read("events/" + event.type() + ".schema.json"));
            payload.remove("$schema"); // draft 2020-12 keywords used are all in AsyncAPI's default schema format
            schemas.set(event.key(), payload);

            ObjectNode message = messages.putObject(event.key());
            message.put("name", event.name());
            message.put("title", event.type());
            message.put("summary", payload.path("description").asString(""));
            message.put("contentType", "application/json");
            ObjectNode headers = message.putObject("headers");
            ArrayNode allOf = headers.putArray("allOf");
            allOf.addObject().put("$ref", "#/components/schemas/CloudEventHeaders");
            ObjectNode typeHeader = allOf.addObject();
            typeHeader.put("type", "object");
            typeHeader.putObject("properties").putObject("ce_type").put("const", event.type());
            message.putObject("payload").put("$ref", "#/components/schemas/" + event.key());
            ObjectNode key = message.putObject("bindings").putObject("kafka");
            key.putObject("key").put("type", "string").put("description", "the aggregate id (= ce_subject)");
            key.put("bindingVersion", "0.5.0");
            ObjectNode example = message.putArray("examples").addObject();
            example.put("name", event.key());
            ObjectNode exampleHeaders = example.putObject("headers");
            exampleHeaders.put("ce_specversion", "1.0");
            exampleHeaders.put("ce_id", "0193a1d0-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
            exampleHeaders.put("ce_type", event.type());
            exampleHeaders.put("ce_source", "/" + PRODUCERS.get(event.service()));
            exampleHeaders.put("ce_time", "2026-11-20T02:15:30Z");
            exampleHeaders.put("content-type", "application/json");
            example.set("payload", JSON.readTree(read("events/" + event.type() + ".example.json")));
        }
        return document;
    }

    private static ObjectNode envelopeSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0 attributes as Kafka record headers (binary mode), see "
                + "contracts/src/main/resources/contracts/envelope.md");
        ObjectNode properties = schema.putObject("properties");
        Map<String, String> headers = headers();
        headers.forEach((name, meaning) -> {
            ObjectNode header = properties.putObject(name);
            header.put("type", "string");
            header.put("description", meaning);
            if (name.equals("ce_specversion")) {
                header.put("const", "1.0");
            } else if (name.equals("content-type")) {
                header.put("const", "application/json");
            }
        });
        ArrayNode required = schema.putArray("required");
        REQUIRED_HEADERS.forEach(name -> {
            if (!headers.containsKey(name)) {
                throw new IllegalStateException("envelope.md lists no header " + name);
            }
            required.add(name);
        });
        return schema;
    }

    /** A channel key AsyncAPI accepts ({@code [A-Za-z0-9_-]+}) for a topic, e.g. customers_customer_events. */
    static String channelKey(String topic) {
        return topic.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String read(String name) {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + ROOT + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
