package org.dealerplatform.platform.outbox;

import java.util.Date;

import org.bson.Document;
import org.dealerplatform.platform.events.PendingEvent;

/** The BSON shape of an entry of {@code pendingEvents}, written and read by hand so that field names never drift. */
final class PendingEvents {

    static final String ID = "id";

    private PendingEvents() {
    }

    static Document toDocument(PendingEvent event) {
        Document document = new Document(ID, event.id())
                .append("type", event.type())
                .append("topic", event.topic())
                .append("subject", event.subject())
                .append("time", Date.from(event.time()))
                .append("aggregateVersion", event.aggregateVersion())
                .append("branchId", event.branchId())
                .append("correlationId", event.correlationId())
                .append("causationId", event.causationId())
                .append("traceparent", event.traceparent())
                .append("data", event.data());
        return document;
    }

    static PendingEvent fromDocument(Document document) {
        Number version = document.get("aggregateVersion", Number.class);
        return new PendingEvent(
                document.getString(ID),
                document.getString("type"),
                document.getString("topic"),
                document.getString("subject"),
                document.getDate("time").toInstant(),
                version == null ? 0L : version.longValue(),
                document.getString("correlationId"),
                document.getString("causationId"),
                document.getString("branchId"),
                document.getString("traceparent"),
                document.getString("data"));
    }
}
