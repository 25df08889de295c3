package org.dealerplatform.aftersales.customer.messaging;

import java.time.LocalDate;
import java.util.Map;

import org.dealerplatform.aftersales.customer.application.CustomerConsents;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.platform.consumer.BatchHandler;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.consumer.IdempotentWrites;
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
        // issue 10: a poll's run of registrations and consent changes (an import's thousands) is one bulk
        super(fileChanges(dispatcher.handlers("customer-replica"), replica, consents)
                .on(CustomerClassified.class, (c, event) -> replica.classified(c.customerId(), c.branchId(),
                        c.newClass(), event.aggregateVersion()))
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

    /**
     * Registrations and consent changes share one batch handler (one instance, so that a registration's two events are
     * one run): each becomes its change of the replica document, and the run is one bulk ({@link CustomerReplica#applyAll}).
     */
    private static EventHandlers.Builder fileChanges(EventHandlers.Builder handlers, CustomerReplica replica,
            CustomerConsents consents) {
        BatchHandler<FileChange> changes = events -> replica.applyAll(events.stream().map(d ->
                d.data() instanceof CustomerRegistered c
                        ? replica.registration(c.customerId(), c.branchId(), c.name(), c.mobile(), c.preferredLanguage(),
                                d.event().aggregateVersion())
                        : consentChange(consents, (ContactPreferencesChanged) d.data(), d.event().aggregateVersion()))
                .toList());
        return handlers.onBatch(CustomerRegistered.class, changes).onBatch(ContactPreferencesChanged.class, changes);
    }

    private static IdempotentWrites.Change consentChange(CustomerConsents consents, ContactPreferencesChanged c,
            long version) {
        return consents.change(c.customerId(), c.branchId(), version, c.consents());
    }

    /** The events that change the replica document in bulk. */
    sealed interface FileChange permits CustomerRegistered, ContactPreferencesChanged {
    }

    /** The fields of CustomerRegistered this service reads (tolerant reader). */
    @EventType("dealer.customers.CustomerRegistered.v1")
    record CustomerRegistered(String customerId, String branchId, String name, String mobile, String preferredLanguage)
            implements FileChange {
    }

    /** The fields of CustomerClassified this service reads. */
    @EventType("dealer.customers.CustomerClassified.v1")
    record CustomerClassified(String customerId, String branchId, String newClass) {
    }

    /** The fields of ContactPreferencesChanged this service reads: consent per channel, for campaign audiences (AFT-4). */
    @EventType("dealer.customers.ContactPreferencesChanged.v1")
    record ContactPreferencesChanged(String customerId, String branchId, Map<String, Boolean> consents)
            implements FileChange {
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
