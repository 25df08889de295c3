package org.dealerplatform.test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Issue 12: every answer a module's MockMvc tests got, per operation ({@code POST /api/sales/sales}), so that
 * {@link OpenApiDocumentContract} can check the OpenAPI document lists each success status a test saw (a 201 documented
 * as 200 misleads every generated client). {@link ServiceTest} imports it; one record per JVM, like the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AnsweredStatuses {

    private static final Map<String, Set<Integer>> SEEN = new ConcurrentHashMap<>();

    @Bean
    MockMvcBuilderCustomizer recordAnsweredStatuses() {
        return builder -> builder.alwaysDo(AnsweredStatuses::record);
    }

    static void record(MvcResult result) {
        Object pattern = result.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return; // no handler matched (a 404 of the dispatcher, a filter's answer)
        }
        // the document names a path variable without its regular expression: {file:.+} is {file}
        String path = String.valueOf(pattern).replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
        SEEN.computeIfAbsent(result.getRequest().getMethod() + " " + path, k -> ConcurrentHashMap.newKeySet())
                .add(result.getResponse().getStatus());
    }

    /** Operation ({@code METHOD /path/{var}}) → the statuses the tests of this JVM were answered, sorted. */
    public static Map<String, Set<Integer>> seen() {
        Map<String, Set<Integer>> copy = new TreeMap<>();
        SEEN.forEach((operation, statuses) -> copy.put(operation, new TreeSet<>(statuses)));
        return copy;
    }
}
