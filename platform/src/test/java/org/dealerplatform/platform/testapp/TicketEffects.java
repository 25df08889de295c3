package org.dealerplatform.platform.testapp;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A consumer with one side effect per event (a reason-keyed "welcome" document and a counter guarded by event id),
 * and a switch to fail after the effect, as a consumer that dies before committing its offset would.
 */
@Component
public class TicketEffects {

    /** How many times the next deliveries should fail after applying their effect. */
    public static final AtomicInteger FAIL_AFTER_EFFECT = new AtomicInteger();
    public static final AtomicInteger DELIVERIES = new AtomicInteger();

    private final EventReader reader;
    private final IdempotentWrites writes;

    public TicketEffects(EventReader reader, IdempotentWrites writes) {
        this.reader = reader;
        this.writes = writes;
    }

    record Opened(String ticketId, String branchId, String title) {
    }

    @KafkaListener(topics = TicketStore.TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        DELIVERIES.incrementAndGet();
        try (EventContext.Scope scope = event.open()) {
            if (event.type().equals("dealer.test.TicketOpened.v1")) {
                Opened opened = reader.data(event, Opened.class);
                writes.insertOnce("ticket_welcomes", new Document("_id", "welcome:" + opened.ticketId())
                        .append("branchId", opened.branchId()).append("eventId", event.id()));
                writes.applyOnce("ticket_counters", opened.branchId(), event.id(), new Update().inc("opened", 1));
            }
            if (FAIL_AFTER_EFFECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("simulated crash after the effect, before the offset commit");
            }
        }
    }
}
