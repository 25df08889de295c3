package org.dealerplatform.sales.customer.messaging;

import org.dealerplatform.platform.consumer.BatchHandler;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.springframework.stereotype.Component;

/** Feeds the {@link CustomerReplica} from {@code customers.customer.events}. */
@Component
public class CustomerEventsListener extends EventsListener {

    public static final String TOPIC = "customers.customer.events";

    public CustomerEventsListener(EventDispatcher dispatcher, CustomerReplica replica) {
        // issue 10: a poll's run of registrations and updates reaches the replica as one bulk (an import's thousands)
        super(details(dispatcher.handlers("customer-replica"), replica)
                .on(CustomerClassified.class, (c, event) -> replica.classified(c.customerId(), c.branchId(), c.newClass(),
                        event.aggregateVersion()))
                .on(ServeAtBranchGrants.Granted.class, (g, event) -> replica.serviceGranted(g))
                .on(CustomerErased.class, (e, event) -> replica.erased(e.customerId(), e.branchId(),
                        event.aggregateVersion())), TOPIC);
    }

    /**
     * Registrations and updates share one batch handler (one instance, so that a run mixing them is one bulk):
     * {@link CustomerReplica#registeredAll}.
     */
    private static EventHandlers.Builder details(EventHandlers.Builder handlers, CustomerReplica replica) {
        BatchHandler<CustomerDetails> details = events -> replica.registeredAll(events.stream()
                .map(d -> replica.registration(d.data().customerId(), d.data().branchId(), d.data().name(),
                        d.data().type(), d.data().mobile(), d.event().aggregateVersion())).toList());
        return handlers.onBatch(CustomerRegistered.class, details).onBatch(CustomerUpdated.class, details);
    }

    /** The details a registration and an update both carry, so that both share one batch handler's runs. */
    sealed interface CustomerDetails permits CustomerRegistered, CustomerUpdated {
        String customerId();

        String branchId();

        String name();

        String type();

        String mobile();
    }

    /** The fields of CustomerRegistered this service reads (tolerant reader). */
    @EventType("dealer.customers.CustomerRegistered.v1")
    record CustomerRegistered(String customerId, String branchId, String name, String type, String mobile)
            implements CustomerDetails {
    }

    /** The fields of CustomerUpdated this service reads: the file's branch changes on an HQ transfer. */
    @EventType("dealer.customers.CustomerUpdated.v1")
    record CustomerUpdated(String customerId, String branchId, String name, String type, String mobile)
            implements CustomerDetails {
    }

    /** The fields of CustomerClassified this service reads (SAL-7: a visit's VIP flag). */
    @EventType("dealer.customers.CustomerClassified.v1")
    record CustomerClassified(String customerId, String branchId, String newClass) {
    }

    /** SEC-9: the customer's personal data were erased; blank the replica and the visits' copies of the name. */
    @EventType("dealer.customers.CustomerErased.v1")
    record CustomerErased(String customerId, String branchId) {
    }
}
