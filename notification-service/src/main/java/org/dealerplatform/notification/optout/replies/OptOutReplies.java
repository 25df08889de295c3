package org.dealerplatform.notification.optout.replies;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.ContactProfile;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.optout.OptOutKeywords;
import org.dealerplatform.notification.optout.OptOutRecord;
import org.dealerplatform.notification.optout.persistence.OptOutStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Handles inbound SMS replies (NOT-7): an opt-out keyword stops local sending on that channel at once (contact
 * replica + consent ledger) and publishes {@code OptOutReceived} so that customer-service revokes the consent.
 */
@Component
public class OptOutReplies {

    private final ContactBook contacts;
    private final OptOutStore store;
    private final ConsentLedger ledger;
    private final MeterRegistry meters;

    public OptOutReplies(ContactBook contacts, OptOutStore store, ConsentLedger ledger, MeterRegistry meters) {
        this.contacts = contacts;
        this.store = store;
        this.ledger = ledger;
        this.meters = meters;
    }

    /** Returns the customers opted out by this reply (none if it is no opt-out or the number is unknown). */
    public List<String> handle(String provider, String from, String text, Instant receivedAt) {
        String keyword = OptOutKeywords.match(text).orElse(null);
        if (keyword == null) {
            return List.of();
        }
        String replyKey = provider + ":" + from + ":" + receivedAt;
        List<ContactProfile> customers = contacts.findByMobile(from);
        for (ContactProfile customer : customers) {
            contacts.recordOptOut(customer.customerId(), Channel.SMS, receivedAt);
            ledger.record("reply:" + replyKey, customer.customerId(), customer.branchId(), Channel.SMS, false,
                    "SMS_REPLY", receivedAt);
            record(customer, replyKey, keyword, from, receivedAt);
            meters.counter("dealer.notifications.opt-outs").increment();
        }
        return customers.stream().map(ContactProfile::customerId).toList();
    }

    private void record(ContactProfile customer, String replyKey, String keyword, String from, Instant receivedAt) {
        for (int attempt = 0; ; attempt++) {
            try {
                OptOutRecord record = store.findById(customer.customerId())
                        .orElseGet(() -> OptOutRecord.of(customer.customerId(), customer.branchId()));
                if (!record.receive(replyKey, Channel.SMS, keyword, from, receivedAt)) {
                    return;
                }
                if (record.version() == 0) {
                    store.insert(record);
                } else {
                    store.update(record);
                }
                return;
            } catch (DuplicateKeyException | ConcurrentModificationException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }
}
