package org.dealerplatform.aftersales.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.test.CustomerReplicaContract;
import org.dealerplatform.test.PollEvent;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CUS-7: aftersales-service's replica of customer files, with class and consents (shared tests: {@link CustomerReplicaContract}). */
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
        assertThat(replica.getString("preferredLanguage")).isEqualTo("zh-CN");
    }

    @Test
    @DisplayName("AFT-4 AFT-6 a customer's class comes from CustomerClassified and survives a later contact event")
    void keepsCustomerClass() {
        String id = UUID.randomUUID().toString();
        publish(REGISTERED, id, 1, Map.of(EXAMPLE_ID, id));
        publish("dealer.customers.CustomerClassified.v1", id, 2, Map.of(EXAMPLE_ID, id));
        Document replica = awaitReplica(id, d -> d != null && "VIP".equals(d.getString("customerClass")));
        assertThat(replica.getString("name")).isEqualTo("王伟");
    }

    @Test
    @DisplayName("AFT-4 CUS-5 consent per channel reaches the replica from ContactPreferencesChanged, beside the contact details of the same version")
    void keepsConsents() {
        String id = UUID.randomUUID().toString();
        publish(REGISTERED, id, 1, Map.of(EXAMPLE_ID, id));
        publish("dealer.customers.ContactPreferencesChanged.v1", id, 1, Map.of(EXAMPLE_ID, id));
        Document replica = awaitReplica(id, d -> d != null && d.get("consents") != null && d.getString("name") != null);
        assertThat(replica.get("consents", Document.class).getBoolean("SMS")).isTrue();
    }
}
