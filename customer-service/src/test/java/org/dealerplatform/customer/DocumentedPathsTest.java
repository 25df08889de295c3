package org.dealerplatform.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.dealerplatform.test.DocumentedRequests;
import org.dealerplatform.test.DocumentedRequests.Request;
import org.dealerplatform.test.MappedRequests;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every request the README and the canvases document for customer-service is one this service maps (issue 14), checked
 * against the request mappings of the cached service context.
 */
@ServiceTest
class DocumentedPathsTest {

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("GW-1 every path the README and the canvases document for customer-service is mapped by the service")
    void everyDocumentedPathIsMapped() {
        List<Request> documented = DocumentedRequests.forService("customer-service", "/api/customers");

        assertThat(documented).hasSizeGreaterThan(5);
        assertThat(MappedRequests.unmapped(context, documented)).isEmpty();
    }

    @Test
    @DisplayName("GW-1 a documented path the service does not map is reported")
    void anUnmappedPathIsReported() {
        Request missing = new Request("customer-service/README.md", 1, "GET", "/api/customers/{id}/no-such-thing");

        assertThat(MappedRequests.unmapped(context, List.of(missing))).containsExactly(missing);
    }
}
