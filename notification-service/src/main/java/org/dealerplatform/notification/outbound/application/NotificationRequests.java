package org.dealerplatform.notification.outbound.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.dealerplatform.platform.outbox.AggregateStore;
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

    /** One request of {@link #requestAll}; {@code traceparent}: OBS-1, the trace the dispatch is to continue (may be null). */
    public record Request(String reasonKey, String branchId, String customerId, Purpose purpose,
            Map<String, String> facts, String traceparent) {
    }

    /**
     * {@link #request} for the requests of one poll at once (issue 10: a campaign blast queues thousands), with the
     * same rules and the same order of writes, each write a bulk one: the customers' branches in one {@code _id $in}
     * read (INT-2: a foreign one throws, and the listener applies the poll again one event at a time, so that exactly
     * that event is dead-lettered), every queue entry (one bulk upsert), the notifications (one bulk insert; a reason
     * key that exists is a duplicate, NOT-4) and the entries again for those inserted.
     */
    public void requestAll(List<Request> requests) {
        if (requests.size() == 1) {
            // a list of one runs inside its event's context and consumer span: exactly the one-by-one path
            Request request = requests.get(0);
            request(request.reasonKey(), request.branchId(), request.customerId(), request.purpose(), request.facts());
            return;
        }
        if (requests.isEmpty()) {
            return;
        }
        Map<String, ContactBook.Branches> branches = contacts.branchesOf(requests.stream().map(Request::customerId).toList());
        for (Request request : requests) {
            ContactBook.Branches customer = branches.get(request.customerId());
            if (customer != null && customer.branchId() != null && request.branchId() != null
                    && !request.branchId().equals(customer.branchId()) && !customer.servedAt().contains(request.branchId())) {
                throw new ForeignBranchEffectException(request.purpose() + " " + request.reasonKey() + " of branch "
                        + request.branchId() + " names customer " + request.customerId() + " of branch " + customer.branchId());
            }
        }
        Instant now = clock.instant();
        Map<String, Request> byKey = new LinkedHashMap<>();
        for (Request request : requests) {
            byKey.putIfAbsent(request.reasonKey(), request); // a re-publication within the same poll: NOT-4, once
        }
        Map<String, String> entries = new LinkedHashMap<>();
        byKey.values().forEach(request -> entries.put(request.reasonKey(), request.traceparent()));
        queue.enqueueAll(entries, now);
        List<Notification> created = new ArrayList<>(byKey.size());
        for (Request request : byKey.values()) {
            created.add(Notification.request(request.reasonKey(), request.branchId(), request.customerId(),
                    request.purpose(), request.facts(), now));
        }
        AggregateStore.BulkResult result = notifications.insertAll(created);
        Map<String, String> inserted = new LinkedHashMap<>();
        for (String id : result.inserted()) {
            inserted.put(id, entries.get(id));
        }
        queue.enqueueAll(inserted, now);
        for (int position = 0; position < created.size(); position++) {
            String purpose = created.get(position).purpose().name();
            meters.counter(result.duplicates().contains(position) ? "dealer.notifications.duplicates"
                    : "dealer.notifications.requested", "purpose", purpose).increment();
        }
        dispatcher.wake();
    }
}
