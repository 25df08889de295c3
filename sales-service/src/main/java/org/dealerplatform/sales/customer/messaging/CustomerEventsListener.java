package org.dealerplatform.sales.customer.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the {@link CustomerReplica} from {@code customers.customer.events}. */
@Component
public class CustomerEventsListener {

    public static final String TOPIC = "customers.customer.events";

    private final EventHandlers handlers;

    public CustomerEventsListener(EventDispatcher dispatcher, CustomerReplica replica) {
        this.handlers = dispatcher.handlers("customer-replica")
                .on(CustomerRegistered.class, (c, event) -> replica.registered(c.customerId(), c.branchId(), c.name(),
                        c.type(), c.mobile(), event.aggregateVersion()))
                .build();
    }

    /** The fields of CustomerRegistered this service reads (tolerant reader). */
    @EventType("dealer.customers.CustomerRegistered.v1")
    record CustomerRegistered(String customerId, String branchId, String name, String type, String mobile) {
    }

    @KafkaListener(topics = TOPIC)
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }
}
