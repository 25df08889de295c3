package org.dealerplatform.notification.outbound.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.platform.events.EventTracing;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.notification.outbound.delivery.Dispatcher;
import org.dealerplatform.notification.outbound.persistence.DispatchQueue;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Turns another service's reason to contact a customer (maintenance due, campaign invitation, follow-up call) into one
 * queued notification: exactly one per reason key (NOT-4), however often the reason arrives. A branch may only contact
 * its own customers (INT-2): a reason naming another branch's customer is refused as a permanent error.
 */
@Service
public class NotificationRequests {

    private final NotificationStore notifications;
    private final DispatchQueue queue;
    private final ContactBook contacts;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final EventTracing tracing;

    public NotificationRequests(NotificationStore notifications, DispatchQueue queue, ContactBook contacts, Dispatcher dispatcher, Clock clock,
            MeterRegistry meters, EventTracing tracing) {
        this.tracing = tracing;
        this.notifications = notifications;
        this.queue = queue;
        this.contacts = contacts;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.meters = meters;
    }

    /** Queues the notification of {@code reasonKey} unless it exists; {@code facts} fill the message template. */
    public void request(String reasonKey, String branchId, String customerId, Purpose purpose, Map<String, String> facts) {
        contacts.branchOf(customerId).ifPresent(customerBranch -> {
            // INT-2: only a transaction of an audited serve-at-branch lookup (INT-1) reaches another branch's customer
            if (branchId != null && !branchId.equals(customerBranch) && !contacts.servedAt(customerId, branchId)) {
                throw new ForeignBranchEffectException(purpose + " " + reasonKey + " of branch " + branchId
                        + " names customer " + customerId + " of branch " + customerBranch);
            }
        });
        Instant now = clock.instant();
        // Order matters (NOT-5: nothing stranded). The queue entry is written FIRST, idempotently: a crash right after
        // it leaves an entry without a notification, which the dispatcher removes when it claims it (after a grace
        // period, in case the insert below is merely slow); the event is redelivered and both writes happen again.
        // The other order could strand a QUEUED notification that no queue entry ever points to. The entry is written
        // again after the insert (a no-op if it is there): should the insert have stalled beyond the grace period and
        // the dispatcher have removed the entry as an orphan, this puts it back.
        // OBS-1: the entry keeps the trace of the event that asked for it; the dispatch continues it
        String traceparent = tracing.currentTraceparent();
        queue.enqueue(reasonKey, now, now, traceparent);
        try {
            notifications.insert(Notification.request(reasonKey, branchId, customerId, purpose, facts, now));
            queue.enqueue(reasonKey, now, now, traceparent);
            meters.counter("dealer.notifications.requested", "purpose", purpose.name()).increment();
            dispatcher.wake();
        } catch (DuplicateKeyException alreadyRequested) {
            // NOT-4: the same business reason again (redelivery, replay, a second publication): nothing to do. If it
            // was already sent, the queue entry just written is removed when the dispatcher claims it.
            meters.counter("dealer.notifications.duplicates", "purpose", purpose.name()).increment();
        }
    }
}
