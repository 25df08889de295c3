package org.dealerplatform.notification.contact.messaging;

import org.dealerplatform.notification.contact.application.ContactDirectory;
import org.dealerplatform.platform.consumer.BatchHandler;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventsListener;
import org.springframework.stereotype.Component;

/** Feeds the {@link ContactDirectory} (contact details, consent, vehicle owners) from {@code customers.customer.events}. */
@Component
public class CustomerEventsListener extends EventsListener {

    public static final String TOPIC = "customers.customer.events";

    public CustomerEventsListener(EventDispatcher dispatcher, ContactDirectory directory) {
        // issue 10: a poll's run of contact details and consent changes (an import's thousands) is applied in bulk
        super(contactChanges(dispatcher.handlers("contact-directory"), directory)
                .on(ContactDirectory.CustomersMerged.class, directory::merged)
                .on(ContactDirectory.VehicleOwnershipTransferred.class, directory::transferred)
                .on(ContactDirectory.CustomerServiceGranted.class, directory::serviceGranted)
                .on(ContactDirectory.CustomerErased.class, directory::erased), TOPIC);
    }

    /** Contact details and consent share one batch handler (one instance, so that a registration's two events are one run). */
    private static EventHandlers.Builder contactChanges(EventHandlers.Builder handlers, ContactDirectory directory) {
        BatchHandler<ContactDirectory.ContactChange> changes = directory::changedAll;
        return handlers.onBatch(ContactDirectory.CustomerDetails.class, changes)
                .onBatch(ContactDirectory.ContactPreferencesChanged.class, changes);
    }
}
