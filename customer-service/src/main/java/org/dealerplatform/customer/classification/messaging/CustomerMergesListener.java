package org.dealerplatform.customer.classification.messaging;

import org.dealerplatform.customer.classification.application.MergedCustomers;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/** Hands this service's own {@code CustomersMerged} to {@link MergedCustomers} (CUS-6). */
@Component
public class CustomerMergesListener extends EventsListener {

    public static final String TOPIC = "customers.customer.events";

    public CustomerMergesListener(EventDispatcher dispatcher, MergedCustomers merges) {
        super(dispatcher.handlers("customer-merges")
                .on(Merged.class, (m, event) -> merges.merged(m.mergedCustomerId(), m.survivingCustomerId())), TOPIC);
    }

    /** Fields of CustomersMerged this listener reads. */
    @EventType("dealer.customers.CustomersMerged.v1")
    record Merged(String survivingCustomerId, String mergedCustomerId) {
    }
}
