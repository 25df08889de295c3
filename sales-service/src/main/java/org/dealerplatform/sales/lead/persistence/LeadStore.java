package org.dealerplatform.sales.lead.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.lead.Lead;
import org.springframework.data.domain.Sort;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeyedInserts;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Leads in collection {@code leads}; every query is branch-scoped. */
@Component
public class LeadStore {

    public static final String COLLECTION = "leads";

    private final MongoTemplate mongo;

    public LeadStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("nextFollowUpDate", Sort.Direction.ASC).named("branch_next"));
        // UI-3: a leaving salesperson's open leads; served on a real MongoDB (the embedded server uses unique indexes only)
        mongo.indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("salespersonId", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("branch_salesperson_status"));
    }

    /**
     * UI-3: hands the open leads (new or in follow-up, so their follow-up calls too) of {@code from} to {@code to},
     * both of {@code branchId}; converted and lost leads keep who worked them. One multi-update on the
     * {@code branch_salesperson_status} index, however many leads (a scan on the embedded server, once per departure).
     * A repeat moves nothing more; the number moved.
     */
    public long reassignOpen(String branchId, String from, String to) {
        return mongo.updateMulti(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("salespersonId").is(from)
                .and("status").in(Lead.Status.NEW.name(), Lead.Status.FOLLOWING_UP.name())),
                new Update().set("salespersonId", to), COLLECTION).getModifiedCount();
    }

    public void save(Lead lead) {
        KeyedInserts.save(mongo, lead, lead.id(), COLLECTION); // keeps the creation's Idempotency-Key (REL-7)
    }

    /** REL-7: saves a change made under {@code key}, remembering the key in the same write. */
    public void save(Lead lead, IdempotencyKey key) {
        KeyedInserts.save(mongo, lead, lead.id(), COLLECTION, key);
    }

    /** REL-7: whether the request with {@code key} was applied to this lead already (the same key with another body: 422). */
    public boolean alreadyApplied(String id, IdempotencyKey key) {
        return KeyedInserts.alreadyApplied(mongo, id, COLLECTION, key);
    }

    /**
     * REL-7: stores a new lead whose id came from the request's {@code Idempotency-Key}, keeping the key in its document;
     * a retry answers the lead the first request made ({@code replayed}).
     */
    public KeyedInserts.Result<Lead> insertOnce(Lead lead, IdempotencyKey key) {
        return KeyedInserts.insertOnce(mongo, lead, lead.id(), COLLECTION, Lead.class, key);
    }

    public Optional<Lead> find(Caller caller, String id) {
        // an _id lookup, then the branch: a {_id, branchId} filter would scan every lead on the embedded server
        return Optional.ofNullable(mongo.findById(id, Lead.class, COLLECTION)).filter(lead -> caller.canSee(lead.branchId()));
    }

    /** Open leads due for follow-up by {@code dueBy} (or all matching leads), soonest first. */
    public List<Lead> search(Caller caller, String branchId, Lead.Status status, LocalDate dueBy, int page, int size) {
        return mongo.find(query(caller, branchId, status, dueBy).with(Sort.by("nextFollowUpDate", "_id"))
                .skip((long) page * size).limit(size), Lead.class, COLLECTION);
    }

    public long count(Caller caller, String branchId, Lead.Status status, LocalDate dueBy) {
        return mongo.count(query(caller, branchId, status, dueBy), COLLECTION);
    }

    public List<Lead> createdOn(String branchId, LocalDate day) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("createdOn").is(day)), Lead.class, COLLECTION);
    }

    public List<Lead> createdIn(String branchId, java.time.YearMonth month) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("createdOn")
                .gte(month.atDay(1)).lte(month.atEndOfMonth())), Lead.class, COLLECTION);
    }

    public List<Lead> followedUpOn(String branchId, LocalDate day) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("followUps.date").is(day)), Lead.class, COLLECTION);
    }

    public List<Lead> dueOn(String branchId, LocalDate day) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("nextFollowUpDate").lte(day)
                .and("status").in(Lead.Status.NEW, Lead.Status.FOLLOWING_UP)), Lead.class, COLLECTION);
    }

    private static Query query(Caller caller, String branchId, Lead.Status status, LocalDate dueBy) {
        Criteria c = new Criteria();
        if (branchId != null) {
            c = c.and(BranchScope.FIELD).is(branchId);
        }
        if (status != null) {
            c = c.and("status").is(status);
        }
        if (dueBy != null) {
            c = c.and("nextFollowUpDate").lte(dueBy);
        }
        return Query.query(BranchScope.of(caller, c));
    }
}
