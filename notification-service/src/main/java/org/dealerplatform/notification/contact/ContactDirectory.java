package org.dealerplatform.notification.contact;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Local replica of each customer's contact details and language, built from customer-service events (NOT-3, NOT-7).
 * Applies a change only if it is newer than what the replica holds (aggregate version), so redelivered and replayed
 * events change nothing.
 */
@Component
public class ContactDirectory {

    public static final String COLLECTION = "contacts";
    static final String TOPIC = "customers.customer.events";

    private final EventReader reader;
    private final IdempotentWrites writes;

    public ContactDirectory(EventReader reader, IdempotentWrites writes) {
        this.reader = reader;
        this.writes = writes;
    }

    /** The fields of {@code dealer.customers.CustomerRegistered.v1} this service reads (tolerant reader). */
    record CustomerRegistered(String customerId, String branchId, String name, String mobile, String email, String address, String preferredLanguage) {
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
                        .set("mobile", registered.mobile())
                        .set("email", registered.email())
                        .set("address", registered.address())
                        .set("preferredLanguage", registered.preferredLanguage()));
            }
        }
    }
}
