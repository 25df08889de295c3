package org.dealerplatform.platform.testapp;

import java.util.List;

import org.dealerplatform.platform.outbox.AggregateRoot;

/** A minimal aggregate: opened at a branch, renamed. */
public class Ticket extends AggregateRoot {

    private String title;
    private String note;

    public Ticket(String id, String branchId, String title, long version) {
        super(id, branchId, version);
        this.title = title;
    }

    public static Ticket open(String id, String branchId, String title) {
        Ticket ticket = new Ticket(id, branchId, title, 0);
        ticket.record(new TicketEvents.TicketOpened(id, branchId, title));
        return ticket;
    }

    public void rename(String newTitle) {
        this.title = newTitle;
        record(new TicketEvents.TicketRenamed(id, newTitle));
    }

    /** Sets or (with null) clears the note; not an event of its own. */
    public void annotate(String note) {
        this.note = note;
    }

    public String note() {
        return note;
    }

    public String title() {
        return title;
    }

}
