package org.dealerplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.dealerplatform.notification.simulator.web.SmsProviderSimulator;
import org.dealerplatform.test.DocumentedRequests;
import org.dealerplatform.test.DocumentedRequests.Request;
import org.dealerplatform.test.MappedRequests;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every request the README and the canvases document for notification-service is one this service maps, with the query
 * parameters it reads (issue 14), checked against the request mappings of the cached service context.
 * The SMS provider simulator exists only in the local and docker profiles, so its mappings are read from its
 * annotations.
 */
@ServiceTest
class DocumentedPathsTest {

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("GW-1 every path and query parameter the README and the canvases document for notification-service is served")
    void everyDocumentedPathIsMapped() {
        List<Request> documented = DocumentedRequests.forService("notification-service", "/api/notifications");

        assertThat(documented).hasSizeGreaterThan(5);
        assertThat(MappedRequests.problems(context, documented, SmsProviderSimulator.class)).isEmpty();
    }

    @Test
    @DisplayName("GW-1 a documented path the service does not map is reported")
    void anUnmappedPathIsReported() {
        Request missing = new Request("notification-service/README.md", 1, "GET", "/api/notifications/calls/{id}/no-such-thing");

        assertThat(MappedRequests.problems(context, List.of(missing), SmsProviderSimulator.class))
                .containsExactly(missing + ": no handler");
    }

    @Test
    @DisplayName("GW-1 a documented query parameter the handler does not read is reported")
    void anUnreadParameterIsReported() {
        Request misspelt = new Request("notification-service/README.md", 1, "GET", "/api/notifications/statistics", List.of("from", "colour"));

        assertThat(MappedRequests.problems(context, List.of(misspelt), SmsProviderSimulator.class))
                .containsExactly(misspelt + ": the handler reads no [colour]");
    }
}
