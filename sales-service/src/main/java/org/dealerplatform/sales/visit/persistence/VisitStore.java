package org.dealerplatform.sales.visit.persistence;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.dealerplatform.platform.outbox.KeyedListing;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.visit.Visit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeyedInserts;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Visits in collection {@code visits}; every query is branch-scoped. */
@Component
public class VisitStore {

    public static final String COLLECTION = "visits";
    /** Each customer's visit ids ({@link KeyedListing}). */
    public static final String BY_CUSTOMER = COLLECTION + "_by_customerId";

    private final MongoTemplate mongo;
    /**
     * Issue 10: each customer's visit ids ({@code visits_by_customerId}), announced before a visit is inserted, so the
     * customer events' effects on visits (SAL-7 class, SEC-9 erasure) read a customer's visits by {@code _id} instead of
     * scanning every visit on the embedded server. A visit's customer never changes.
     */
    private final KeyedListing customerVisits;

    public VisitStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.customerVisits = new KeyedListing(mongo, COLLECTION, "customerId");
        this.customerVisits.buildOnce();
        // SAL-7: a planned visit's VIP flag is a write on {_id, status}; with a unique index of exactly those keys it is a
        // point write on the embedded server too (issue 10), which otherwise scans every visit for it
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .unique().named("id_status"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("plannedDate", Sort.Direction.ASC).named("branch_planned"));
        // UI-3: a leaving salesperson's planned visits; served on a real MongoDB (the embedded server: unique indexes only)
        mongo.indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("salespersonId", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("branch_salesperson_status"));
    }

    /**
     * UI-3: hands the planned visits of {@code from} to {@code to}, both of {@code branchId}; visits done or cancelled
     * keep who made them (SAL-7 statistics). One multi-update on the {@code branch_salesperson_status} index (a scan on
     * the embedded server, once per departure). A repeat moves nothing more; the number moved.
     */
    public long reassignPlanned(String branchId, String from, String to) {
        return mongo.updateMulti(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("salespersonId").is(from)
                .and("status").is(Visit.Status.PLANNED.name())), new Update().set("salespersonId", to), COLLECTION).getModifiedCount();
    }

    /**
     * SEC-9 (PIPL): the visits of an erased customer keep date, salesperson, purpose, status and outcome but no longer
     * the customer's name. The customer's visits by {@code _id} (issue 10: {@link KeyedListing}), then one
     * multi-update on their ids. A repeat changes nothing.
     */
    public void forgetCustomerName(String customerId) {
        List<Object> ids = customerVisits.recordsOf(customerId).stream().map(visit -> visit.get("_id")).toList();
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().unset("customerName"), COLLECTION);
        }
    }

    public void save(Visit visit) {
        customerVisits.announce(visit.customerId(), visit.id()); // a save may be the visit's first write
        KeyedInserts.save(mongo, visit, visit.id(), COLLECTION); // keeps the creation's Idempotency-Key (REL-7)
    }

    /** REL-7: saves a change made under {@code key}, remembering the key in the same write. */
    public void save(Visit visit, IdempotencyKey key) {
        customerVisits.announce(visit.customerId(), visit.id());
        KeyedInserts.save(mongo, visit, visit.id(), COLLECTION, key);
    }

    /** REL-7: whether the request with {@code key} was applied to this visit already (the same key with another body: 422). */
    public boolean alreadyApplied(String id, IdempotencyKey key) {
        return KeyedInserts.alreadyApplied(mongo, id, COLLECTION, key);
    }

    /**
     * REL-7: stores a new visit whose id came from the request's {@code Idempotency-Key}, keeping the key in its document;
     * a retry answers the visit the first request made ({@code replayed}).
     */
    /** REL-7: the visit an earlier request with this key planned, if any. */
    public Optional<Visit> createdBy(String id, IdempotencyKey key) {
        return KeyedInserts.createdBy(mongo, id, COLLECTION, Visit.class, key);
    }

    public KeyedInserts.Result<Visit> insertOnce(Visit visit, IdempotencyKey key) {
        customerVisits.announce(visit.customerId(), visit.id());
        return KeyedInserts.insertOnce(mongo, visit, visit.id(), COLLECTION, Visit.class, key);
    }

    /** Inserts a visit under its id unless one exists (a generated plan run twice records nothing twice). */
    public boolean insertIfAbsent(Visit visit) {
        customerVisits.announce(visit.customerId(), visit.id());
        try {
            mongo.insert(visit, COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The customers of a branch with a visit planned or done between two dates (cancelled ones do not count). */
    public Set<String> customersWithVisits(String branchId, LocalDate from, LocalDate to) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("plannedDate").gte(from).lte(to)
                .and("status").ne(Visit.Status.CANCELLED)), Visit.class, COLLECTION).stream()
                .map(Visit::customerId).collect(Collectors.toSet());
    }

    /** SAL-7: the planned visits of a customer take the VIP flag of their current class. */
    public void flagPlanned(String customerId, boolean vip) {
        List<Object> planned = customerVisits.recordsOf(customerId).stream()
                .filter(visit -> Visit.Status.PLANNED.name().equals(visit.getString("status")))
                .map(visit -> visit.get("_id")).toList();
        if (planned.isEmpty()) {
            return;
        }
        // still planned when written (a visit done or cancelled meanwhile keeps its flag): {_id, status}, the id_status index
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        planned.forEach(id -> bulk.updateOne(Query.query(Criteria.where("_id").is(id)
                .and("status").is(Visit.Status.PLANNED.name())), new Update().set("vip", vip)));
        bulk.execute();
    }

    public Optional<Visit> find(Caller caller, String id) {
        // an _id lookup, then the branch: a {_id, branchId} filter would scan every visit on the embedded server
        return Optional.ofNullable(mongo.findById(id, Visit.class, COLLECTION)).filter(visit -> caller.canSee(visit.branchId()));
    }

    /** The schedule: VIP customers first, then by planned date. */
    public List<Visit> schedule(Caller caller, String branchId, String salespersonId, LocalDate from, LocalDate to,
            Visit.Status status, int page, int size) {
        return mongo.find(query(caller, branchId, salespersonId, from, to, status)
                .with(Sort.by(Sort.Direction.DESC, "vip").and(Sort.by("plannedDate", "_id")))
                .skip((long) page * size).limit(size), Visit.class, COLLECTION);
    }

    public long count(Caller caller, String branchId, String salespersonId, LocalDate from, LocalDate to, Visit.Status status) {
        return mongo.count(query(caller, branchId, salespersonId, from, to, status), COLLECTION);
    }

    public List<Visit> plannedIn(String branchId, YearMonth month) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("plannedDate")
                .gte(month.atDay(1)).lte(month.atEndOfMonth())), Visit.class, COLLECTION);
    }

    public List<Visit> doneOn(String branchId, LocalDate day) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("doneDate").is(day)), Visit.class, COLLECTION);
    }

    private static Query query(Caller caller, String branchId, String salespersonId, LocalDate from, LocalDate to, Visit.Status status) {
        Criteria c = new Criteria();
        if (branchId != null) {
            c = c.and(BranchScope.FIELD).is(branchId);
        }
        if (salespersonId != null) {
            c = c.and("salespersonId").is(salespersonId);
        }
        if (status != null) {
            c = c.and("status").is(status);
        }
        if (from != null || to != null) {
            Criteria d = c.and("plannedDate");
            if (from != null) {
                d = d.gte(from);
            }
            if (to != null) {
                d = d.lte(to);
            }
        }
        return Query.query(BranchScope.of(caller, c));
    }
}
