package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * What the frequency cap needs (NOT-3), keyed by customer: one document per customer ({@code _id} = customer id) with
 * the times of their latest sends ({@code sends = [{id, at}]}, newest {@value #KEPT} kept). Reading it is one
 * {@code _id} lookup instead of a scan of every notification ever stored.
 */
@Component
public class RecentSends {

    public static final String COLLECTION = "recent-sends";
    /** Sends kept per customer: far above any sensible cap (default 3 per 7 days). */
    public static final int KEPT = 50;

    private final MongoTemplate mongo;
    private final IdempotentWrites documents;

    public RecentSends(MongoTemplate mongo, IdempotentWrites documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    /** Notes that notification {@code notificationId} was sent to {@code customerId} at {@code at}; idempotent. */
    public void record(String customerId, String notificationId, Instant at) {
        documents.change(COLLECTION, customerId, current -> {
            List<Document> sends = current == null ? new ArrayList<>()
                    : new ArrayList<>(current.getList("sends", Document.class, List.of()));
            if (sends.stream().anyMatch(s -> notificationId.equals(s.getString("id")))) {
                return null;
            }
            sends.add(new Document("id", notificationId).append("at", Date.from(at)));
            sends.sort(Comparator.comparing(s -> s.getDate("at")));
            return new Update().set("sends", sends.subList(Math.max(0, sends.size() - KEPT), sends.size()));
        });
    }

    /** When this customer was sent anything after {@code since}, any channel. */
    public List<Instant> since(String customerId, Instant since) {
        Document document = mongo.findById(customerId, Document.class, COLLECTION);
        if (document == null) {
            return List.of();
        }
        return document.getList("sends", Document.class, List.of()).stream().map(s -> s.getDate("at").toInstant())
                .filter(at -> at.isAfter(since)).toList();
    }
}
