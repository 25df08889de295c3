package org.dealerplatform.aftersales.customer.messaging;

import java.time.LocalDate;
import java.util.Map;

import org.dealerplatform.aftersales.customer.application.CustomerConsents;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link CustomerReplica} and the serviced vehicles' owners from {@code customers.customer.events} (one
 * listener per topic, so that the consumer group's partitions are not split between two listeners).
 */
@Component
public class CustomerEventsListener extends EventsListener {

    public static final String TOPIC = "customers.customer.events";

    public CustomerEventsListener(EventDispatcher dispatcher, CustomerReplica replica, CustomerConsents consents,
            ServicedVehicles vehicles) {
        super(dispatcher.handlers("customer-replica")
                .on(CustomerRegistered.class, (c, event) -> replica.registered(c.customerId(), c.branchId(), c.name(),
                        c.mobile(), c.preferredLanguage(), event.aggregateVersion()))
                .on(CustomerClassified.class, (c, event) -> replica.classified(c.customerId(), c.branchId(),
                        c.newClass(), event.aggregateVersion()))
                .on(ContactPreferencesChanged.class, (c, event) -> consents.changed(c.customerId(), c.branchId(),
                        event.aggregateVersion(), c.consents()))
                .on(VehicleRegistered.class, (r, event) -> vehicles.registered("evt:" + event.id(), r.vehicle().vin(),
                        r.branchId(), r.customerId(), r.vehicle().model(), VehicleCategory.parse(r.vehicle().category()),
                        r.vehicle().plate(), r.purchaseDate()))
                .on(VehicleOwnershipTransferred.class, (t, event) -> vehicles.transferred("evt:" + event.id(), t.vin(),
                        t.branchId(), t.toCustomerId(), t.transferDate()))
                .on(CustomersMerged.class, (m, event) ->
                        vehicles.customersMerged(m.mergedCustomerId(), m.survivingCustomerId()))
                .on(ServeAtBranchGrants.Granted.class, (g, event) -> replica.serviceGranted(g))
                .on(CustomerErased.class, (e, event) -> replica.erased(e.customerId(), e.branchId(),
                        event.aggregateVersion())), TOPIC);
    }

    /** The fields of CustomerRegistered this service reads (tolerant reader). */
    @EventType("dealer.customers.CustomerRegistered.v1")
    record CustomerRegistered(String customerId, String branchId, String name, String mobile, String preferredLanguage) {
    }

    /** The fields of CustomerClassified this service reads. */
    @EventType("dealer.customers.CustomerClassified.v1")
    record CustomerClassified(String customerId, String branchId, String newClass) {
    }

    /** The fields of ContactPreferencesChanged this service reads: consent per channel, for campaign audiences (AFT-4). */
    @EventType("dealer.customers.ContactPreferencesChanged.v1")
    record ContactPreferencesChanged(String customerId, String branchId, Map<String, Boolean> consents) {
    }

    /** The fields of VehicleRegistered this service reads. */
    @EventType("dealer.customers.VehicleRegistered.v1")
    record VehicleRegistered(String customerId, String branchId, Vehicle vehicle, LocalDate purchaseDate) {
    }

    /** The vehicle inside VehicleRegistered. */
    record Vehicle(String vin, String model, String category, String plate) {
    }

    /** The fields of VehicleOwnershipTransferred this service reads (cross-branch by design: HQ transfers). */
    @EventType("dealer.customers.VehicleOwnershipTransferred.v1")
    record VehicleOwnershipTransferred(String vin, String fromCustomerId, String toCustomerId, String branchId,
            LocalDate transferDate) {
    }

    /** The fields of CustomersMerged this service reads. */
    @EventType("dealer.customers.CustomersMerged.v1")
    record CustomersMerged(String survivingCustomerId, String mergedCustomerId) {
    }

    /** SEC-9: the customer's personal data were erased; blank the replica's contact details. */
    @EventType("dealer.customers.CustomerErased.v1")
    record CustomerErased(String customerId, String branchId) {
    }
}
