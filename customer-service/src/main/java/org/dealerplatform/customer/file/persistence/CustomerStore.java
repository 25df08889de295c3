package org.dealerplatform.customer.file.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Customer files in collection {@code customers}; events to {@code customers.customer.events}. */
@Component
public class CustomerStore extends AggregateStore<Customer> {

    public static final String COLLECTION = "customers";
    public static final String TOPIC = "customers.customer.events";

    public CustomerStore(OutboxSupport support) {
        super(support, Customer.class, COLLECTION, TOPIC);
        // CUS-6: one file per mobile number, enforced by the database, not by a racy look-up (VINs: see VinClaims)
        mongo().indexOps(COLLECTION).createIndex(new Index().on("mobile", Sort.Direction.ASC).unique().sparse()
                .named("mobile_unique"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("vehicles.vin", Sort.Direction.ASC).named("vin"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).named("branch_name"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("vehicles.plate", Sort.Direction.ASC).named("plate"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("complete", Sort.Direction.ASC)
                .on("fileDeadline", Sort.Direction.ASC).named("complete_deadline"));
        // UI-3: a departing salesperson's customers (once per departure; the embedded server scans, MongoDB uses this)
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("consultantId", Sort.Direction.ASC).named("branch_consultant"));
    }

    /** Up to {@code limit} ids of {@code branchId}'s files that {@code consultantId} looks after (UI-3). */
    public List<String> idsLookedAfterBy(String branchId, String consultantId, int limit) {
        Query query = Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("consultantId").is(consultantId))
                .limit(limit);
        query.fields().include("_id");
        return mongo().find(query, Document.class, COLLECTION).stream().map(d -> String.valueOf(d.get("_id"))).toList();
    }

    /** The file with this (normalised) mobile number: {@code {mobile}} equals the unique index's keys, a lookup, not a scan. */
    public Optional<Customer> findByMobile(String mobile) {
        return findOne(Criteria.where("mobile").is(mobile));
    }

    /**
     * The id of the file that holds this customer now: a merged-away file points to its survivor (CUS-6), so events
     * that other services publish with the old id still reach the right file. Unknown ids are returned unchanged.
     */
    public String currentId(String customerId) {
        String id = customerId;
        for (int hop = 0; id != null && hop < 5; hop++) {
            Query query = Query.query(Criteria.where("_id").is(id));
            query.fields().include("mergedInto");
            Document found = mongo().findOne(query, Document.class, COLLECTION);
            String next = found == null ? null : found.getString("mergedInto");
            if (next == null) {
                return id;
            }
            id = next;
        }
        return id;
    }
}
