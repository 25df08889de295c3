package org.dealerplatform.aftersales.vehicle.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.KeyedListing;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Serviced vehicles in collection {@code vehicles} (id = VIN); events to {@code aftersales.vehicle.events}. */
@Component
public class VehicleStore extends AggregateStore<ServicedVehicle> {

    public static final String COLLECTION = "vehicles";
    public static final String TOPIC = "aftersales.vehicle.events";

    /** Each customer's VINs ({@link KeyedListing}). */
    public static final String BY_CUSTOMER = COLLECTION + "_by_customerId";

    private final DueDateIndex dueDates;
    /**
     * Issue 10: each owner's VINs, announced before a vehicle is written new or with a new owner, so a merge of customer
     * files (CUS-6) reads the merged-away customer's vehicles by {@code _id} instead of scanning the fleet.
     */
    private final KeyedListing ownerVehicles;

    public VehicleStore(OutboxSupport support) {
        super(support, ServicedVehicle.class, COLLECTION, TOPIC);
        this.dueDates = new DueDateIndex(mongo());
        dueDates.markBuiltIfNoVehicles(COLLECTION);
        this.ownerVehicles = new KeyedListing(mongo(), COLLECTION, "customerId");
        ownerVehicles.buildOnce();
        // (the {_id, version} index of the version-guarded save comes with every AggregateStore)
        // AFT-3: the reminder sweep reads the due-day index (DueDateIndex), not this collection
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).named("branch_customer"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("nextDueDate", Sort.Direction.ASC).named("branch_due"));
    }

    /** Vehicles by due day, kept with every write (AFT-3: what the reminder sweep reads). */
    public DueDateIndex dueDates() {
        return dueDates;
    }

    @Override
    protected void beforeCommit(List<ServicedVehicle> vehicles) {
        dueDates.announce(vehicles);
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        for (ServicedVehicle vehicle : vehicles) {
            if (vehicle.ownerChanged() && vehicle.customerId() != null) {
                byOwner.computeIfAbsent(vehicle.customerId(), k -> new ArrayList<>()).add(vehicle.vin());
            }
        }
        ownerVehicles.announceAll(byOwner);
    }

    /** The VINs {@code customerId} owns now: one {@code _id} read of the listing, then the vehicles by {@code _id}. */
    public List<String> vinsOwnedBy(String customerId) {
        return ownerVehicles.recordsOf(customerId).stream().map(vehicle -> vehicle.getString("_id")).toList();
    }

    /** The vehicles of these VINs that exist (one {@code _id} lookup each, in one query). */
    public List<ServicedVehicle> findAllById(Collection<String> vins) {
        return mongo().find(Query.query(Criteria.where("_id").in(vins)), ServicedVehicle.class, COLLECTION);
    }

    /**
     * Indexes every vehicle with a pending reminder by due day, once, for a database written before the index existed
     * (the only scan of the fleet, run by the first sweep; vehicles written meanwhile index themselves).
     */
    public long buildDueDateIndex() {
        long indexed = 0;
        Map<String, LocalDate> chunk = new LinkedHashMap<>();
        for (Document vehicle : mongo().getCollection(COLLECTION).find(new Document("reminderPending", true))
                .projection(new Document("nextDueDate", 1)).batchSize(1_000)) {
            Object due = vehicle.get("nextDueDate");
            if (due != null) {
                chunk.put(vehicle.getString("_id"), due instanceof java.util.Date date
                        ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate() : LocalDate.parse(due.toString()));
            }
            if (chunk.size() == 1_000) {
                dueDates.announce(chunk);
                indexed += chunk.size();
                chunk.clear();
            }
        }
        dueDates.announce(chunk);
        dueDates.markBuilt();
        return indexed + chunk.size();
    }

    /** One page of {@code criteria}'s vehicles, in {@code sort} order. */
    public List<ServicedVehicle> find(Criteria criteria, Sort sort, int skip, int limit) {
        return mongo().find(Query.query(criteria).with(sort).skip(skip).limit(limit), ServicedVehicle.class, COLLECTION);
    }

    /** A customer's vehicles the caller may see that have a next due date, soonest first (at most {@code limit}). */
    public List<ServicedVehicle> dueOf(Caller caller, String customerId, int limit) {
        return find(BranchScope.of(caller, Criteria.where("customerId").is(customerId).and("nextDueDate").ne(null)),
                Sort.by("nextDueDate", "_id"), 0, limit);
    }

    /** One page of the vehicles the caller may see, by owner and/or due before a date, in due-date order. */
    public PageResponse<ServicedVehicle> search(Caller caller, String customerId, LocalDate dueBefore, int page,
            int size) {
        List<Criteria> filters = new ArrayList<>();
        if (customerId != null && !customerId.isBlank()) {
            filters.add(Criteria.where("customerId").is(customerId));
        }
        if (dueBefore != null) {
            filters.add(Criteria.where("nextDueDate").lt(dueBefore));
        }
        Criteria where = BranchScope.of(caller, filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters));
        long total = mongo().count(Query.query(where), COLLECTION);
        return PageResponse.of(find(where, Sort.by("nextDueDate", "_id"), page * size, size), page, size, total);
    }
}
