package org.dealerplatform.platform.testapp;

import org.dealerplatform.platform.events.DomainEvent;

/** Events of the test aggregate. */
public sealed interface TicketEvents extends DomainEvent {

    record TicketOpened(String ticketId, String branchId, String title) implements TicketEvents {
    }

    record TicketRenamed(String ticketId, String title) implements TicketEvents {
    }
}
