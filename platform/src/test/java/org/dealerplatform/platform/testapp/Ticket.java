package org.dealerplatform.platform.testapp;

import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.outbox.Aggregate;

/** A minimal aggregate: opened at a branch, renamed. */
public class Ticket implements Aggregate {

    private final String id;
    private final String branchId;
    private String title;
    private String note;
    private final long version;
    private final transient List<DomainEvent> recordedEvents = new ArrayList<>();

    public Ticket(String id, String branchId, String title, long version) {
        this.id = id;
        this.branchId = branchId;
        this.title = title;
        this.version = version;
    }

    public static Ticket open(String id, String branchId, String title) {
        Ticket ticket = new Ticket(id, branchId, title, 0);
        ticket.recordedEvents.add(new TicketEvents.TicketOpened(id, branchId, title));
        return ticket;
    }

    public void rename(String newTitle) {
        this.title = newTitle;
        recordedEvents.add(new TicketEvents.TicketRenamed(id, newTitle));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String branchId() {
        return branchId;
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

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<DomainEvent> recordedEvents() {
        return recordedEvents;
    }
}
