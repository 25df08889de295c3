package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10, OBS-1, one test for every service: a request is observed as its trace needs (its {@code http.server.requests}
 * span and timer), not once more per security filter, authentication and authorization. Spring Security's own
 * observations were about a tenth of a service's CPU per request under load, a timer per database command about 6 %
 * of a consumer's (docs/benchmarks/profile.md). A service's
 * {@code ObservedRequestsTest} extends this with its {@link ServiceTest} context.
 */
public abstract class ObservedRequestsContract {

    @Autowired
    protected MockMvc mvc;

    @Test
    @DisplayName("issue 10 OBS-1 an authenticated request leaves no Spring Security observation, and database commands no timer each (only the pool's meters)")
    public void noSpringSecurityObservations() throws Exception {
        int first = mvc.perform(get("/actuator/prometheus").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse().getStatus();
        String scrape = mvc.perform(get("/actuator/prometheus").header("Authorization", DevTokens.monitoring()))
                .andReturn().getResponse().getContentAsString();

        assertThat(first).as("the request passed authentication and authorization").isEqualTo(200);
        assertThat(scrape).contains("http_server_requests").doesNotContain("spring_security_");
        // the database is used all along (outbox relay, consumers); its pool is measured, not every command
        assertThat(scrape).contains("mongodb_driver_pool").doesNotContain("mongodb_driver_commands");
    }
}
