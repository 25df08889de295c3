package org.dealerplatform.notification.contact.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the {@link ContactDirectory} (contact details, consent, vehicle owners) from {@code customers.customer.events}. */
@Component
public class CustomerEventsListener {

    public static final String TOPIC = "customers.customer.events";

    private final EventHandlers handlers;

    public CustomerEventsListener(EventDispatcher dispatcher, ContactDirectory directory) {
        this.handlers = dispatcher.handlers("contact-directory")
                .on(ContactDirectory.CustomerDetails.class, directory::details)
                .on(ContactDirectory.ContactPreferencesChanged.class, directory::preferences)
                .on(ContactDirectory.CustomersMerged.class, directory::merged)
                .on(ContactDirectory.VehicleOwnershipTransferred.class, directory::transferred)
                .on(ContactDirectory.CustomerServiceGranted.class, directory::serviceGranted)
                .on(ContactDirectory.CustomerErased.class, directory::erased)
                .build();
    }

    @KafkaListener(topics = TOPIC)
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }
}
