package org.dealerplatform.platform.events;

/**
 * Something that happened to an aggregate, recorded by the aggregate itself and published through the outbox.
 *
 * <p>Implementations are plain records nested in a sealed interface beside their aggregate. The wire type is
 * {@code <type-prefix>.<eventName>.v<eventVersion>}, e.g. {@code dealer.customers.CustomerRegistered.v1}; a
 * breaking change is a new version produced side by side with the old one (docs/architecture.md, "Events").
 */
public interface DomainEvent {

    /** Name of the event on the wire, without prefix and version. */
    default String eventName() {
        return getClass().getSimpleName();
    }

    /** Schema version of the payload; bump it only for a breaking change. */
    default int eventVersion() {
        return 1;
    }
}
