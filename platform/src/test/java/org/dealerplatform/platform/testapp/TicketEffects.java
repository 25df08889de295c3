package org.dealerplatform.platform.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A consumer with one side effect per event (a reason-keyed "welcome" document and a counter guarded by event id),
 * and a switch to fail after the effect, as a consumer that dies before committing its offset would.
 */
@Component
public class TicketEffects extends EventsListener {

    /** How many times the next deliveries should fail after applying their effect. */
    public static final AtomicInteger FAIL_AFTER_EFFECT = new AtomicInteger();
    public static final AtomicInteger DELIVERIES = new AtomicInteger();
    /** Attempts per ticket whose title asks to fail transiently ({@code "transient:<n>"}: the first n attempts fail). */
    public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    public TicketEffects(EventDispatcher dispatcher, IdempotentWrites writes) {
        super(dispatcher.handlers("ticket-effects")
                .on(Opened.class, (opened, event) -> opened(writes, opened, event)), TicketStore.TOPIC);
    }

    @EventType("dealer.test.TicketOpened.v1")
    record Opened(String ticketId, String branchId, String title) {
    }

    private static void opened(IdempotentWrites writes, Opened opened, IncomingEvent event) {
        DELIVERIES.incrementAndGet();
        String title = opened.title() == null ? "" : opened.title();
        if (title.startsWith("transient:")) {
            int attempt = ATTEMPTS.computeIfAbsent(opened.ticketId(), id -> new AtomicInteger()).incrementAndGet();
            if (attempt <= Integer.parseInt(title.substring("transient:".length()))) {
                throw new DataAccessResourceFailureException("simulated: the database is away (attempt " + attempt + ")");
            }
        }
        if (title.equals("foreign")) {
            // the counter of this ticket's welcome is kept for another branch: a cross-branch effect (INT-2)
            event.requireSameBranch("ZJ-HZ-01", "the welcome of ticket " + opened.ticketId());
        }
        writes.insertOnce("ticket_welcomes", new Document("_id", "welcome:" + opened.ticketId())
                .append("branchId", opened.branchId()).append("eventId", event.id()));
        writes.applyOnce("ticket_counters", opened.branchId(), event.id(), new Update().inc("opened", 1));
        if (FAIL_AFTER_EFFECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("simulated crash after the effect, before the offset commit");
        }
    }
}
