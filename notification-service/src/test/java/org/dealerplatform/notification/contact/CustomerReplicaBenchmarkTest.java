package org.dealerplatform.notification.contact;

import java.time.Instant;
import java.util.List;

import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.notification.contact.messaging.CustomerEventsListener;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.test.CustomerReplicaBenchmark;
import org.dealerplatform.test.PollEvent;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10 benchmark (not a test): an import's customer events applied by notification-service's customer replica one at a
 * time and in polls ({@link CustomerReplicaBenchmark}).
 *
 * <p>Run: {@code mvn -o -pl notification-service -Pbenchmark test -Dtest=CustomerReplicaBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@ServiceTest
@Tag("benchmark")
class CustomerReplicaBenchmarkTest extends CustomerReplicaBenchmark {

    @Autowired
    CustomerEventsListener listener;

    CustomerReplicaBenchmarkTest() {
        super("notification-service", CustomerEventsListener.TOPIC, ContactDirectory.COLLECTION);
    }

    @Override
    protected void applyPoll(List<PollEvent> poll) {
        listener.applyAll(poll.stream().map(e -> new IncomingEvent(e.id(), e.type(), "/customer-service", e.subject(),
                Instant.now(), e.version(), "corr-" + e.id(), null, "JS-NJ-01", null, e.payload(), e.topic(), 0,
                e.offset())).toList());
    }
}
