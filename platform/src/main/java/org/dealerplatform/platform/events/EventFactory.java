package org.dealerplatform.platform.events;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

/** Turns a domain event into the envelope that is committed with its aggregate and later published. */
public class EventFactory {

    private final JsonMapper json;
    private final String typePrefix;
    private final Clock clock;
    private final EventTracing tracing;

    public EventFactory(JsonMapper json, String typePrefix, Clock clock) {
        this(json, typePrefix, clock, EventTracing.NONE);
    }

    /** OBS-1: each pending event keeps the {@code traceparent} of the span current when it was recorded. */
    public EventFactory(JsonMapper json, String typePrefix, Clock clock, EventTracing tracing) {
        this.json = json;
        this.typePrefix = typePrefix;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** The wire type of an event, e.g. {@code dealer.customers.CustomerRegistered.v1}. */
    public String typeOf(DomainEvent event) {
        return typePrefix + "." + event.eventName() + ".v" + event.eventVersion();
    }

    public PendingEvent pending(DomainEvent event, String topic, String subject, String branchId, long aggregateVersion) {
        EventContext context = EventContext.current();
        return new PendingEvent(
                EventIds.next(),
                typeOf(event),
                topic,
                subject,
                clock.instant(),
                aggregateVersion,
                context.correlationId(),
                context.causationId(),
                branchId,
                tracing.currentTraceparent(),
                json.writeValueAsString(event));
    }
}
