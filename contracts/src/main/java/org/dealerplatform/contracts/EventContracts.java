package org.dealerplatform.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place every event's payload contract lives: {@code contracts/events/<type>.schema.json} (JSON Schema 2020-12)
 * and {@code contracts/events/<type>.example.json}, where {@code <type>} is the CloudEvents type, e.g.
 * {@code dealer.customers.CustomerRegistered.v1}. Producers validate what they emit; consumers read the examples.
 */
public final class EventContracts {

    private static final String ROOT = "contracts/events/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** The problems of {@code json} against the schema of {@code type}; empty when it conforms. */
    public static List<String> problems(String type, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(open(t + ".schema.json")));
        JsonNode node = JSON.readTree(json);
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    /** Fails with every problem listed if {@code json} does not conform to the schema of {@code type}. */
    public static void assertConforms(String type, String json) {
        List<String> problems = problems(type, json);
        if (!problems.isEmpty()) {
            throw new AssertionError("payload of " + type + " does not match its schema: " + problems + "\n" + json);
        }
    }

    /** The example payload of {@code type}, as published on the wire. */
    public static String example(String type) {
        try (InputStream in = open(type + ".example.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if a contract exists for {@code type}. */
    public static boolean exists(String type) {
        return EventContracts.class.getClassLoader().getResource(ROOT + type + ".schema.json") != null;
    }

    private static InputStream open(String name) {
        InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalArgumentException("no contract " + ROOT + name + " (add it to the contracts module)");
        }
        return in;
    }
}
