package org.dealerplatform.customer.classification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.customer.classification.application.Reclassification;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows this service's own {@code CustomersMerged} (CUS-6): the merged-away file's purchases and history move to
 * the surviving file, whose class is then re-evaluated (CUS-3). Moving is idempotent (an update by customer id), so
 * redelivery changes nothing; doing it from the event means a crash right after the merge cannot lose it.
 */
@Component
public class CustomerMergesListener {

    static final String TOPIC = "customers.customer.events";

    private final EventReader reader;
    private final PurchaseLedger ledger;
    private final CustomerHistory history;
    private final Reclassification reclassification;

    public CustomerMergesListener(EventReader reader, PurchaseLedger ledger, CustomerHistory history,
            Reclassification reclassification) {
        this.reader = reader;
        this.ledger = ledger;
        this.history = history;
        this.reclassification = reclassification;
    }

    /** Fields of CustomersMerged this listener reads. */
    record Merged(String survivingCustomerId, String mergedCustomerId) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        if (!"dealer.customers.CustomersMerged.v1".equals(event.type())) {
            return;
        }
        try (EventContext.Scope scope = event.open()) {
            Merged merged = reader.data(event, Merged.class);
            ledger.moveCustomer(merged.mergedCustomerId(), merged.survivingCustomerId());
            history.moveCustomer(merged.mergedCustomerId(), merged.survivingCustomerId());
            reclassification.reclassify(merged.survivingCustomerId());
        }
    }
}
