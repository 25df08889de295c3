package org.dealerplatform.sales.customer.messaging;

import org.dealerplatform.platform.consumer.EventDispatcher;
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
        super(dispatcher.handlers("customer-replica")
                .on(CustomerRegistered.class, (c, event) -> replica.registered(c.customerId(), c.branchId(), c.name(),
                        c.type(), c.mobile(), event.aggregateVersion()))
                .on(CustomerUpdated.class, (c, event) -> replica.registered(c.customerId(), c.branchId(), c.name(),
                        c.type(), c.mobile(), event.aggregateVersion()))
                .on(CustomerClassified.class, (c, event) -> replica.classified(c.customerId(), c.branchId(), c.newClass(),
                        event.aggregateVersion()))
                .on(ServeAtBranchGrants.Granted.class, (g, event) -> replica.serviceGranted(g))
                .on(CustomerErased.class, (e, event) -> replica.erased(e.customerId(), e.branchId(),
                        event.aggregateVersion())), TOPIC);
    }

    /** The fields of CustomerRegistered this service reads (tolerant reader). */
    @EventType("dealer.customers.CustomerRegistered.v1")
    record CustomerRegistered(String customerId, String branchId, String name, String type, String mobile) {
    }

    /** The fields of CustomerUpdated this service reads: the file's branch changes on an HQ transfer. */
    @EventType("dealer.customers.CustomerUpdated.v1")
    record CustomerUpdated(String customerId, String branchId, String name, String type, String mobile) {
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
