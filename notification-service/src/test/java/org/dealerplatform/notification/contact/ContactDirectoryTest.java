package org.dealerplatform.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.notification.contact.messaging.CustomerEventsListener;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.test.CustomerReplicaContract;
import org.dealerplatform.test.PollEvent;
import org.dealerplatform.test.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/** CUS-7: notification-service's contact directory, its replica of customer files ({@link CustomerReplicaContract}). */
@ServiceTest
class ContactDirectoryTest extends CustomerReplicaContract {

    ContactDirectoryTest() {
        super(CustomerEventsListener.TOPIC, ContactDirectory.COLLECTION);
    }

    @Autowired
    CustomerEventsListener listener;

    @Override
    protected void applyPoll(List<PollEvent> poll) {
        listener.applyAll(poll.stream().map(e -> new IncomingEvent(e.id(), e.type(), "/customer-service", e.subject(),
                Instant.now(), e.version(), "corr-" + e.id(), null, BRANCH, null, e.payload(), e.topic(), 0, e.offset()))
                .toList());
    }

    @Override
    protected void keepsServiceFields(Document replica) {
        assertThat(replica.getString("email")).isEqualTo("wang.wei@example.cn");
    }
}
