package org.dealerplatform.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.EventTracing;

/**
 * Where listeners get their typed handlers: the one place that reads the envelope, opens the event's context and its
 * span (OBS-1: one per record, child of the record's {@code traceparent}), reads the payload and counts what was handled, instead of each listener repeating read → scope → switch on type strings.
 *
 * <pre>{@code
 * class SaleRollupListener extends EventsListener {   // the @KafkaListener, see EventsListener
 *     SaleRollupListener(EventDispatcher dispatcher, SaleRollup rollup) {
 *         super(dispatcher.handlers("sale-rollup")
 *                 .on(SaleRecorded.class, (sale, event) -> rollup.recorded(...)), "sales.sale.events");
 *     }
 * }
 * }</pre>
 */
public class EventDispatcher {

    private final EventReader reader;
    private final MeterRegistry meters;
    private final EventTracing tracing;

    public EventDispatcher(EventReader reader, MeterRegistry meters) {
        this(reader, meters, EventTracing.NONE);
    }

    /** OBS-1: each record is handled in its own span, child of the record's {@code traceparent}. */
    public EventDispatcher(EventReader reader, MeterRegistry meters, EventTracing tracing) {
        this.reader = reader;
        this.meters = meters;
        this.tracing = tracing;
    }

    /** Starts the handlers of the listener named {@code listener} (a metric tag, e.g. {@code customer-replica}). */
    public EventHandlers.Builder handlers(String listener) {
        return new EventHandlers.Builder(listener, reader, meters, tracing);
    }
}
