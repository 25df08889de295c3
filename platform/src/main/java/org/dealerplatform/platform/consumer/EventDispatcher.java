package org.dealerplatform.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.platform.events.EventReader;

/**
 * Where listeners get their typed handlers: the one place that reads the envelope, opens the event's context, reads the
 * payload and counts what was handled, instead of each listener repeating read → scope → switch on type strings.
 *
 * <pre>{@code
 * @KafkaListener(topics = "sales.sale.events")
 * void on(List<ConsumerRecord<String, byte[]>> batch) { handlers.dispatch(batch); }
 *
 * handlers = dispatcher.handlers("sale-rollup")
 *         .on(SaleRecorded.class, (sale, event) -> rollup.recorded(...))
 *         .build();
 * }</pre>
 */
public class EventDispatcher {

    private final EventReader reader;
    private final MeterRegistry meters;

    public EventDispatcher(EventReader reader, MeterRegistry meters) {
        this.reader = reader;
        this.meters = meters;
    }

    /** Starts the handlers of the listener named {@code listener} (a metric tag, e.g. {@code customer-replica}). */
    public EventHandlers.Builder handlers(String listener) {
        return new EventHandlers.Builder(listener, reader, meters);
    }
}
