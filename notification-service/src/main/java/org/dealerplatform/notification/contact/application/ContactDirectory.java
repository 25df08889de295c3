package org.dealerplatform.notification.contact.application;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.MobileNumbers;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Local replica of each customer's contact details, language, consent per channel and preferred channels, built from
 * customer-service events (NOT-3, NOT-7). Applies a change only if it is newer than what the replica holds (aggregate
 * version), so redelivered and replayed events change nothing. Every consent change also goes into the
 * {@link ConsentLedger}, idempotent per event id.
 */
@Service
public class ContactDirectory {

    public static final String COLLECTION = ContactBook.COLLECTION;
    public static final String VEHICLE_OWNERS = ContactBook.VEHICLE_OWNERS;

    /** The consent ledger's source of the entries an erasure records (SEC-9). */
    public static final String ERASURE = "ERASURE";

    private final IdempotentWrites writes;
    private final ConsentLedger ledger;
    private final NotificationStore notifications;

    public ContactDirectory(IdempotentWrites writes, ConsentLedger ledger, NotificationStore notifications) {
        this.writes = writes;
        this.ledger = ledger;
        this.notifications = notifications;
    }

    /** The fields of {@code dealer.customers.CustomerRegistered.v1} and {@code CustomerUpdated.v1} this service reads. */
    @EventType({"dealer.customers.CustomerRegistered.v1", "dealer.customers.CustomerUpdated.v1"})
    public record CustomerDetails(String customerId, String branchId, String name, String mobile, String email, String address,
            String preferredLanguage, String timeZone) {
    }

    /** The fields of {@code dealer.customers.CustomerErased.v1} this service reads (SEC-9). */
    @EventType("dealer.customers.CustomerErased.v1")
    public record CustomerErased(String customerId, String branchId, Instant erasedAt) {
    }

    /** The fields of {@code dealer.customers.ContactPreferencesChanged.v1} this service reads. */
    @EventType("dealer.customers.ContactPreferencesChanged.v1")
    public record ContactPreferencesChanged(String customerId, String branchId, String preferredLanguage,
            Map<String, Boolean> consents, List<String> preferredChannels, String source, Instant changedAt) {
    }

    /** The fields of {@code dealer.customers.VehicleOwnershipTransferred.v1} this service reads. */
    @EventType("dealer.customers.VehicleOwnershipTransferred.v1")
    public record VehicleOwnershipTransferred(String vin, String fromCustomerId, String toCustomerId, String branchId,
            Instant transferredAt) {
    }

    /** The fields of {@code dealer.customers.CustomersMerged.v1} this service reads. */
    @EventType("dealer.customers.CustomersMerged.v1")
    public record CustomersMerged(String survivingCustomerId, String mergedCustomerId, String branchId) {
    }

    /** The fields of {@code dealer.customers.CustomerServiceGranted.v1} this service reads (INT-1 serve-at-branch). */
    @EventType("dealer.customers.CustomerServiceGranted.v1")
    public record CustomerServiceGranted(String customerId, String servingBranchId) {
    }

    /**
     * INT-2: the serving branch of an audited serve-at-branch lookup may send this customer what its transaction causes
     * (e.g. the follow-up call of a work order it recorded); kept as a set of branches on the contact, so a redelivery
     * changes nothing.
     */
    public void serviceGranted(CustomerServiceGranted granted, IncomingEvent event) {
        writes.change(COLLECTION, granted.customerId(), current -> current != null
                && current.get("servedAt") instanceof List<?> served && served.contains(granted.servingBranchId())
                ? null : new Update().addToSet("servedAt", granted.servingBranchId()));
    }

    /** Contact details of CustomerRegistered / CustomerUpdated, applied if newer than the replica's. */
    public void details(CustomerDetails details, IncomingEvent event) {
        Update update = new Update()
                .set("branchId", details.branchId())
                .set("name", details.name())
                .set("mobile", MobileNumbers.normalize(details.mobile()))
                .set("email", details.email())
                .set("address", details.address())
                .set("preferredLanguage", details.preferredLanguage());
        if (details.timeZone() != null) {
            update.set("timeZone", details.timeZone());
        }
        // SEC-9: never after the customer's erasure, so a late or replayed event cannot bring the details back
        writes.applyIfNewerUnlessErased(COLLECTION, details.customerId(), "version", event.aggregateVersion(), update);
    }

    /**
     * SEC-9 (PIPL): the customer's personal data were erased. The contact loses name, mobile, e-mail, address and time
     * zone for good, allows no channel and is marked {@code erased}; older events of this customer no longer change it.
     * The consent ledger keeps its history (NOT-7: "was sending allowed at T?" stays answerable) and records that no
     * channel is allowed from the erasure on (source {@value #ERASURE}); it holds no contact details. The customer's
     * notifications keep status, channel, purpose and times but lose recipient, subject, rendered text and call notes.
     * Idempotent: a redelivery finds the contact erased and the ledger entry recorded; blanking the notifications
     * again changes nothing.
     */
    public void erased(CustomerErased erased, IncomingEvent event) {
        long version = event.aggregateVersion();
        writes.eraseOnce(COLLECTION, erased.customerId(), erased.branchId(), version, () -> new Update()
                .unset("name").unset("mobile").unset("email").unset("address").unset("timeZone")
                .set("consents", noChannel().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)))
                .set("preferredChannels", List.of()), "version", "preferencesVersion");
        ledger.record(event.id(), erased.customerId(), erased.branchId(), noChannel(), ERASURE,
                erased.erasedAt() == null ? event.time() : erased.erasedAt());
        notifications.forgetPersonalData(erased.customerId());
    }

    private static Map<Channel, Boolean> noChannel() {
        Map<Channel, Boolean> none = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            none.put(channel, false);
        }
        return none;
    }

    /** Consent per channel, preferred channels and language; every change also goes into the consent ledger (NOT-7). */
    public void preferences(ContactPreferencesChanged changed, IncomingEvent event) {
        Map<String, Boolean> consents = changed.consents() == null ? Map.of() : changed.consents();
        Update update = new Update()
                .set("branchId", changed.branchId())
                .set("consents", consents)
                .set("preferredChannels", changed.preferredChannels() == null ? List.of() : changed.preferredChannels())
                .set("preferencesChangedAt", changed.changedAt());
        if (changed.preferredLanguage() != null) {
            update.set("preferredLanguage", changed.preferredLanguage());
        }
        // a save can record several events with the same aggregate version (registration: CustomerRegistered and the
        // consent given), so the preferences keep a high-water mark of their own; never after an erasure (SEC-9)
        writes.applyIfNewerUnlessErased(COLLECTION, changed.customerId(), "preferencesVersion", event.aggregateVersion(),
                update);
        Map<Channel, Boolean> allowed = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            allowed.put(channel, Boolean.TRUE.equals(consents.get(channel.name())));
        }
        // NOT-7: one conditional write to the customer's ledger document for all channels, idempotent per event id
        ledger.record(event.id(), changed.customerId(), changed.branchId(), allowed,
                changed.source() == null ? "customer-service" : changed.source(),
                changed.changedAt() == null ? event.time() : changed.changedAt());
    }

    /** CUS-9: the vehicle's reminders go to its new owner. */
    public void transferred(VehicleOwnershipTransferred transfer, IncomingEvent event) {
        // CUS-9: the former owner stops getting this vehicle's reminders; the latest transfer wins
        Instant at = transfer.transferredAt() == null ? event.time() : transfer.transferredAt();
        writes.applyIfNewer(VEHICLE_OWNERS, transfer.vin(), "transferredAtMillis", at.toEpochMilli(), new Update()
                .set("customerId", transfer.toCustomerId())
                .set("formerCustomerId", transfer.fromCustomerId())
                .set("branchId", transfer.branchId()));
    }

    /** CUS-6: the merged-away file points to the surviving one. */
    public void merged(CustomersMerged merged, IncomingEvent event) {
        // the merged-away file now points to the surviving one; its reminders go to the surviving contact details
        writes.applyOnce(COLLECTION, merged.mergedCustomerId(), event.id(), new Update()
                .set("mergedInto", merged.survivingCustomerId())
                .setOnInsert("branchId", merged.branchId()));
    }
}
