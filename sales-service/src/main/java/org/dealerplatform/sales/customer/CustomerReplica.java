package org.dealerplatform.sales.customer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Local replica of customer files, built from customer-service events (no synchronous calls).
 * Applies a change only if it is newer than what the replica holds (aggregate version), so redelivered and replayed
 * events change nothing.
 */
@Component
public class CustomerReplica {

    public static final String COLLECTION = "customers";
    static final String TOPIC = "customers.customer.events";

    private final EventReader reader;
    private final IdempotentWrites writes;

    public CustomerReplica(EventReader reader, IdempotentWrites writes) {
        this.reader = reader;
        this.writes = writes;
    }

    /** The fields of {@code dealer.customers.CustomerRegistered.v1} this service reads (tolerant reader). */
    record CustomerRegistered(String customerId, String branchId, String name, String type, String mobile) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            if ("dealer.customers.CustomerRegistered.v1".equals(event.type())) {
                CustomerRegistered registered = reader.data(event, CustomerRegistered.class);
                writes.applyIfNewer(COLLECTION, registered.customerId(), "version", event.aggregateVersion(), new Update()
                        .set("branchId", registered.branchId())
                        .set("name", registered.name())
                        .set("type", registered.type())
                        .set("mobile", registered.mobile()));
            }
        }
    }
}
