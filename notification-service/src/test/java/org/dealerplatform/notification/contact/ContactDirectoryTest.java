package org.dealerplatform.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.notification.contact.messaging.CustomerEventsListener;
import org.dealerplatform.test.CustomerReplicaContract;
import org.dealerplatform.test.ServiceTest;

/** CUS-7: notification-service's contact directory, its replica of customer files ({@link CustomerReplicaContract}). */
@ServiceTest
class ContactDirectoryTest extends CustomerReplicaContract {

    ContactDirectoryTest() {
        super(CustomerEventsListener.TOPIC, ContactDirectory.COLLECTION);
    }

    @Override
    protected void keepsServiceFields(Document replica) {
        assertThat(replica.getString("email")).isEqualTo("wang.wei@example.cn");
    }
}
