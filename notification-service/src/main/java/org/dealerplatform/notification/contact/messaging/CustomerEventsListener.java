package org.dealerplatform.notification.contact.messaging;

import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.springframework.stereotype.Component;

/** Feeds the {@link ContactDirectory} (contact details, consent, vehicle owners) from {@code customers.customer.events}. */
@Component
public class CustomerEventsListener extends EventsListener {

    public static final String TOPIC = "customers.customer.events";

    public CustomerEventsListener(EventDispatcher dispatcher, ContactDirectory directory) {
        super(dispatcher.handlers("contact-directory")
                .on(ContactDirectory.CustomerDetails.class, directory::details)
                .on(ContactDirectory.ContactPreferencesChanged.class, directory::preferences)
                .on(ContactDirectory.CustomersMerged.class, directory::merged)
                .on(ContactDirectory.VehicleOwnershipTransferred.class, directory::transferred)
                .on(ContactDirectory.CustomerServiceGranted.class, directory::serviceGranted)
                .on(ContactDirectory.CustomerErased.class, directory::erased), TOPIC);
    }
}
