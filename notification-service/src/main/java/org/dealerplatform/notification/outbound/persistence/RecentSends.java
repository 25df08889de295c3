package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.bulk.BulkWriteError;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
        // the compare-and-set key of record() and recordAll(); IdempotentWrites declares the same index on first use
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on(IdempotentWrites.REVISION, Sort.Direction.ASC).unique().named("id_rev"));
    }

    /** One send to note: notification {@code notificationId} went to {@code customerId} at {@code at}. */
    public record Send(String customerId, String notificationId, Instant at) {
    }

    /** One customer's stored sends as read, with the revision a later {@link #recordAll} compares against. */
    public record Ledger(String customerId, List<Document> sends, Object revision) {

        /** When this customer was sent anything after {@code since}, any channel. */
        public List<Instant> since(Instant since) {
            return sends.stream().map(s -> s.getDate("at").toInstant()).filter(at -> at.isAfter(since)).toList();
        }
    }

    /**
     * The ledgers of many customers with one {@code _id $in} read (issue 10: one query per dispatched page); a
     * customer without sends gets an empty ledger (revision {@code null}).
     */
    public Map<String, Ledger> ledgers(Collection<String> customerIds) {
        Map<String, Ledger> ledgers = new HashMap<>();
        if (customerIds.isEmpty()) {
            return ledgers;
        }
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(customerIds)), Document.class, COLLECTION)) {
            ledgers.put(document.getString("_id"), new Ledger(document.getString("_id"),
                    document.getList("sends", Document.class, List.of()), document.get(IdempotentWrites.REVISION)));
        }
        for (String customerId : customerIds) {
            ledgers.putIfAbsent(customerId, new Ledger(customerId, List.of(), null));
        }
        return ledgers;
    }

    /**
     * Notes many sends in ONE unordered bulk write: per customer a compare-and-set on {@code {_id, rev}} against the
     * ledger read before ({@code read}), written like {@link #record} (idempotent per notification, newest
     * {@value #KEPT} kept). A customer whose ledger moved meanwhile, or who was not read, is noted with
     * {@link #record} instead (read again, applied once).
     */
    public void recordAll(Collection<Send> sends, Map<String, Ledger> read) {
        Map<String, List<Send>> byCustomer = new LinkedHashMap<>();
        for (Send send : sends) {
            byCustomer.computeIfAbsent(send.customerId(), c -> new ArrayList<>()).add(send);
        }
        List<String> customers = new ArrayList<>();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        List<Send> oneByOne = new ArrayList<>();
        byCustomer.forEach((customerId, added) -> {
            Ledger ledger = read.get(customerId);
            if (ledger == null) {
                oneByOne.addAll(added);
                return;
            }
            List<Document> kept = new ArrayList<>(ledger.sends());
            boolean changed = false;
            for (Send send : added) {
                if (kept.stream().noneMatch(s -> send.notificationId().equals(s.getString("id")))) {
                    kept.add(new Document("id", send.notificationId()).append("at", Date.from(send.at())));
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
            kept.sort(Comparator.comparing(s -> s.getDate("at")));
            long next = ledger.revision() instanceof Number n ? n.longValue() + 1 : 1L;
            bulk.upsert(Query.query(Criteria.where("_id").is(customerId).and(IdempotentWrites.REVISION).is(ledger.revision())),
                    new Update().set("sends", kept.subList(Math.max(0, kept.size() - KEPT), kept.size()))
                            .set(IdempotentWrites.REVISION, next));
            customers.add(customerId);
        });
        if (!customers.isEmpty()) {
            try {
                bulk.execute();
            } catch (BulkOperationException e) {
                // a ledger that moved since it was read: its upsert clashed on _id (11000); note those one by one
                for (BulkWriteError error : e.getErrors()) {
                    if (error.getCode() != 11000) {
                        throw e;
                    }
                    oneByOne.addAll(byCustomer.get(customers.get(error.getIndex())));
                }
            }
        }
        for (Send send : oneByOne) {
            record(send.customerId(), send.notificationId(), send.at());
        }
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
