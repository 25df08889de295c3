package org.dealerplatform.customer.classification.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.customer.classification.application.MergedCustomers;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Hands this service's own {@code CustomersMerged} to {@link MergedCustomers} (CUS-6). */
@Component
public class CustomerMergesListener {

    public static final String TOPIC = "customers.customer.events";

    private final EventHandlers handlers;

    public CustomerMergesListener(EventDispatcher dispatcher, MergedCustomers merges) {
        this.handlers = dispatcher.handlers("customer-merges")
                .on(Merged.class, (m, event) -> merges.merged(m.mergedCustomerId(), m.survivingCustomerId()))
                .build();
    }

    /** Fields of CustomersMerged this listener reads. */
    @EventType("dealer.customers.CustomersMerged.v1")
    record Merged(String survivingCustomerId, String mergedCustomerId) {
    }

    @KafkaListener(topics = TOPIC)
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }
}
