package org.dealerplatform.notification.optout.replies;

import java.time.Clock;
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
    private final Clock clock;

    public OptOutReplies(ContactBook contacts, OptOutStore store, ConsentLedger ledger, MeterRegistry meters,
            Clock clock) {
        this.contacts = contacts;
        this.store = store;
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Returns the customers opted out by this reply (none if it is no opt-out or the number is unknown).
     *
     * <p>A reply is known again by its provider, sender and receive time, so a provider's redelivery records nothing
     * twice. A reply without a receive time ({@code receivedAt} null) has no such identity: it takes the time it arrived,
     * and it opts out only the customers who may still receive SMS. A redelivered copy therefore finds them opted out
     * already and records no second opt-out (REL-7, NOT-7); a customer who consented again since is opted out anew.
     */
    public List<String> handle(String provider, String from, String text, Instant receivedAt) {
        String keyword = OptOutKeywords.match(text).orElse(null);
        if (keyword == null) {
            return List.of();
        }
        boolean timed = receivedAt != null;
        Instant at = timed ? receivedAt : clock.instant();
        String replyKey = provider + ":" + from + ":" + at;
        List<ContactProfile> customers = contacts.findByMobile(from).stream()
                .filter(customer -> timed || customer.consentsTo(Channel.SMS))
                .toList();
        for (ContactProfile customer : customers) {
            contacts.recordOptOut(customer.customerId(), Channel.SMS, at);
            ledger.record("reply:" + replyKey, customer.customerId(), customer.branchId(), Channel.SMS, false,
                    "SMS_REPLY", at);
            record(customer, replyKey, keyword, from, at);
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
