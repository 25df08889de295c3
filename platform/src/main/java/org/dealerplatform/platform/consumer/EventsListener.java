package org.dealerplatform.platform.consumer;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Kafka batch listener that only declares its handlers: the subclass names its topics and registers one typed
 * handler per event type, and this class is the {@code @KafkaListener} that hands every poll to them (issue 14: the
 * read → scope → dispatch skeleton was written again in each listener).
 *
 * <pre>{@code
 * @Component
 * public class SaleEventsListener extends EventsListener {
 *     public SaleEventsListener(EventDispatcher dispatcher, ServicedVehicles vehicles) {
 *         super(dispatcher.handlers("sold-vehicles")
 *                 .on(SaleRecorded.class, (sale, event) -> vehicles.sold(...)), "sales.sale.events");
 *     }
 * }
 * }</pre>
 *
 * Everything else stays in the platform's {@link EventHandlers} and error handler, as before: the envelope, the
 * event's context and span (OBS-1), batch handlers' runs, skipped unknown types (tolerant reader), and the failure
 * that names one record, which the error handler retries or dead-letters by its {@link FailureKind} (REL-1);
 * idempotency and the branch check (INT-2) stay with the use cases the handlers call.
 */
public abstract class EventsListener {

    private final EventHandlers handlers;
    private final String[] topics;

    /**
     * @param handlers this listener's typed handlers, built here
     * @param topics the topics it reads (one listener per topic and consumer group, so that its partitions are not split)
     */
    protected EventsListener(EventHandlers.Builder handlers, String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("a listener reads at least one topic");
        }
        this.handlers = handlers.build();
        this.topics = topics.clone();
    }

    /** The topics this listener reads (the {@code @KafkaListener}'s, resolved from the bean). */
    public String[] getTopics() {
        return topics.clone();
    }

    /** One poll of the listener's topics, handled in record order. */
    @KafkaListener(topics = "#{__listener.topics}")
    public void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }

    /** Applies one event as if Kafka had delivered it (redelivery tests, replays). */
    public void apply(IncomingEvent event) {
        handlers.dispatch(event);
    }

    /** Applies events as if Kafka had delivered them in one poll (batch tests, benchmarks). */
    public void applyAll(List<IncomingEvent> events) {
        handlers.dispatchAll(events);
    }
}
