package org.dealerplatform.sales.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.test.CustomerReplicaContract;
import org.dealerplatform.test.PollEvent;
import org.dealerplatform.test.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/** CUS-7: sales-service's replica of customer files (the shared tests are {@link CustomerReplicaContract}). */
@ServiceTest
class CustomerReplicaTest extends CustomerReplicaContract {

    CustomerReplicaTest() {
        super(CustomerEventsListener.TOPIC, CustomerReplica.COLLECTION);
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
        assertThat(replica.getString("type")).isEqualTo("INDIVIDUAL");
    }
}
