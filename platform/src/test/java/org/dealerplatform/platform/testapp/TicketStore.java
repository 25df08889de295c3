package org.dealerplatform.platform.testapp;

import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Tickets in collection {@code tickets}, events on {@code test.ticket.events}. */
@Component
public class TicketStore extends AggregateStore<Ticket> {

    public static final String TOPIC = "test.ticket.events";

    @Autowired
    public TicketStore(OutboxSupport support) {
        this(support, "tickets");
    }

    public TicketStore(OutboxSupport support, String collection) {
        super(support, Ticket.class, collection, TOPIC);
    }
}
