package org.dealerplatform.test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The commands (POST, PUT, PATCH, DELETE) of a service's OpenAPI document, as {@code "POST /api/sales/sales"}: the
 * list a reference matrix (INT-1) or a security matrix must cover, so that a new endpoint cannot escape it.
 */
public final class ApiCommands {

    private static final List<String> COMMAND_METHODS = List.of("post", "put", "patch", "delete");

    private ApiCommands() {
    }

    /** Reads {@code /v3/api-docs} of the application behind {@code mvc}. */
    public static SortedSet<String> of(MockMvc mvc) throws Exception {
        String docs = mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring())).andReturn().getResponse().getContentAsString();
        Map<String, Map<String, Object>> paths = JsonPath.read(docs, "$.paths");
        SortedSet<String> commands = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(COMMAND_METHODS::contains)
                .forEach(method -> commands.add(method.toUpperCase() + " " + path)));
        return commands;
    }
}
