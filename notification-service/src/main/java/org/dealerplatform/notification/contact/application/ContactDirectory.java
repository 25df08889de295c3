package org.dealerplatform.notification.contact.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.MobileNumbers;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.consumer.BatchHandler;
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
            String preferredLanguage, String timeZone) implements ContactChange {
    }

    /** The events {@link #changedAll} applies in bulk: contact details and consent. */
    public sealed interface ContactChange permits CustomerDetails, ContactPreferencesChanged {
    }

    /** The fields of {@code dealer.customers.CustomerErased.v1} this service reads (SEC-9). */
    @EventType("dealer.customers.CustomerErased.v1")
    public record CustomerErased(String customerId, String branchId, Instant erasedAt) {
    }

    /** The fields of {@code dealer.customers.ContactPreferencesChanged.v1} this service reads. */
    @EventType("dealer.customers.ContactPreferencesChanged.v1")
    public record ContactPreferencesChanged(String customerId, String branchId, String preferredLanguage,
            Map<String, Boolean> consents, List<String> preferredChannels, String source, Instant changedAt)
            implements ContactChange {
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
        writes.apply(COLLECTION, detailsChange(details, event));
    }

    /**
     * {@link #details} and {@link #preferences} for a poll's run of them at once, in their order (issue 10: an import
     * brings a registration and its consent per customer): the contacts in one bulk, then the consent ledger's
     * entries in one bulk ({@link IdempotentWrites#applyAll}), with the same rules (newer only, never after the
     * erasure, each ledger entry once per event).
     */
    public void changedAll(List<BatchHandler.Delivered<ContactChange>> events) {
        List<IdempotentWrites.Change> contacts = new ArrayList<>(events.size());
        List<IdempotentWrites.Change> entries = new ArrayList<>();
        for (BatchHandler.Delivered<ContactChange> delivered : events) {
            if (delivered.data() instanceof CustomerDetails details) {
                contacts.add(detailsChange(details, delivered.event()));
            } else {
                ContactPreferencesChanged changed = (ContactPreferencesChanged) delivered.data();
                contacts.add(preferencesChange(changed, delivered.event()));
                entries.add(ledgerEntry(changed, delivered.event()));
            }
        }
        writes.applyAll(COLLECTION, contacts);
        ledger.recordAll(entries);
    }

    private static IdempotentWrites.Change detailsChange(CustomerDetails details, IncomingEvent event) {
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
        return IdempotentWrites.ifNewerUnlessErased(details.customerId(), "version", event.aggregateVersion(), update);
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
        writes.apply(COLLECTION, preferencesChange(changed, event));
        // NOT-7: one conditional write to the customer's ledger document for all channels, idempotent per event id
        ledger.record(event.id(), changed.customerId(), changed.branchId(), allowed(changed),
                changed.source() == null ? "customer-service" : changed.source(),
                changed.changedAt() == null ? event.time() : changed.changedAt());
    }

    private IdempotentWrites.Change ledgerEntry(ContactPreferencesChanged changed, IncomingEvent event) {
        return ledger.entry(event.id(), changed.customerId(), changed.branchId(), allowed(changed),
                changed.source() == null ? "customer-service" : changed.source(),
                changed.changedAt() == null ? event.time() : changed.changedAt());
    }

    private static Map<Channel, Boolean> allowed(ContactPreferencesChanged changed) {
        Map<String, Boolean> consents = changed.consents() == null ? Map.of() : changed.consents();
        Map<Channel, Boolean> allowed = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            allowed.put(channel, Boolean.TRUE.equals(consents.get(channel.name())));
        }
        return allowed;
    }

    private static IdempotentWrites.Change preferencesChange(ContactPreferencesChanged changed, IncomingEvent event) {
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
        return IdempotentWrites.ifNewerUnlessErased(changed.customerId(), "preferencesVersion", event.aggregateVersion(),
                update);
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
