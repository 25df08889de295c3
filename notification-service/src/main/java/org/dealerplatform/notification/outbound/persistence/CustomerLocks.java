package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;
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
 * A short lease per customer while a page of their notifications is dispatched, so that two workers (or instances)
 * never decide the frequency cap for the same customer at once (NOT-3): each reads the customer's recent sends, and
 * without the lease both could see a free slot and both send. Within one page the dispatcher handles a customer's
 * notifications one after the other and counts its own sends, so one lease per customer and page is enough.
 *
 * <p>Leases are taken and released per page (issue 10), each in one unordered bulk write: an insert per customer
 * ({@code _id} = customer id: a live lease of another owner makes it clash with 11000), a removal per customer by
 * {@code {_id, owner}}. Only a clash costs more: one {@code _id $in} read, and a take-over of each expired lease with a
 * compare-and-set on {@code {_id, until}} (a lease left behind by a crashed worker). Every filter equals a unique
 * index's keys, so the embedded MongoDB-wire server answers it from that index too.
 */
@Component
public class CustomerLocks {

    static final String COLLECTION = "customer-dispatch-locks";

    private final MongoTemplate mongo;

    public CustomerLocks(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("until", Sort.Direction.ASC)
                .unique().named("id_until"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("owner", Sort.Direction.ASC)
                .unique().named("id_owner"));
    }

    /**
     * Takes the lease on each of {@code customerIds} until {@code until} for {@code owner}, except where someone else
     * holds a live one; returns the customers now leased to {@code owner}.
     */
    public Set<String> tryLockAll(Collection<String> customerIds, String owner, Instant now, Instant until) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(customerIds));
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<Document> leases = new ArrayList<>(ids.size());
        for (String id : ids) {
            leases.add(new Document("_id", id).append("owner", owner).append("until", Date.from(until)));
        }
        Set<String> clashed = new LinkedHashSet<>();
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION).insert(leases).execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                clashed.add(ids.get(error.getIndex()));
            }
        }
        Set<String> locked = new LinkedHashSet<>(ids);
        locked.removeAll(clashed);
        if (!clashed.isEmpty()) {
            for (Document held : mongo.find(Query.query(Criteria.where("_id").in(clashed)), Document.class, COLLECTION)) {
                Date heldUntil = held.getDate("until");
                boolean takeOver = owner.equals(held.getString("owner")) || heldUntil == null || heldUntil.before(Date.from(now));
                if (takeOver && mongo.updateFirst(Query.query(Criteria.where("_id").is(held.get("_id")).and("until").is(heldUntil)),
                        new Update().set("until", Date.from(until)).set("owner", owner), COLLECTION).getModifiedCount() == 1) {
                    locked.add(held.getString("_id"));
                }
            }
        }
        return locked;
    }

    /** Releases the leases {@code owner} holds on {@code customerIds} (one bulk write; others' leases stay). */
    public void unlockAll(Collection<String> customerIds, String owner) {
        if (customerIds.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (String id : new LinkedHashSet<>(customerIds)) {
            bulk.remove(Query.query(Criteria.where("_id").is(id).and("owner").is(owner)));
        }
        bulk.execute();
    }
}
