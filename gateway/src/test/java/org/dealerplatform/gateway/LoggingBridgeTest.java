package org.dealerplatform.gateway;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingBridgeTest {

    @Test
    @DisplayName("issue 10 Spring's log lines at a level that is off are never built (commons-logging.properties: the Log4j API adapter)")
    void disabledMessagesAreNotBuilt() {
        Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher");
        AtomicInteger built = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                built.incrementAndGet();
                return "Trying to match using ...";
            }
        };

        assertThat(log.isTraceEnabled()).isFalse();
        log.trace(message);

        // commons-logging's own SLF4J adapter renders the message before SLF4J checks the level: 1 here
        assertThat(built).hasValue(0);
        assertThat(LogFactory.getFactory().getClass().getName())
                .isEqualTo("org.apache.commons.logging.impl.Log4jApiLogFactory");
    }
}
