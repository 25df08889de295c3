package org.dealerplatform.aftersales.vehicle.persistence;

import java.util.List;

import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
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

    public VehicleStore(OutboxSupport support) {
        super(support, ServicedVehicle.class, COLLECTION, TOPIC);
        // (the {_id, version} index of the version-guarded save comes with every AggregateStore)
        // AFT-3: the reminder sweep reads only pending vehicles in due-date order, never the whole collection
        mongo().indexOps(COLLECTION).createIndex(new Index().on("reminderPending", Sort.Direction.ASC)
                .on("nextDueDate", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("reminder_due"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).named("branch_customer"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("nextDueDate", Sort.Direction.ASC).named("branch_due"));
    }

    /** One page of {@code criteria}'s vehicles, in {@code sort} order. */
    public List<ServicedVehicle> find(Criteria criteria, Sort sort, int skip, int limit) {
        return mongo().find(Query.query(criteria).with(sort).skip(skip).limit(limit), ServicedVehicle.class, COLLECTION);
    }

    public long count(Criteria criteria) {
        return mongo().count(Query.query(criteria), COLLECTION);
    }
}
