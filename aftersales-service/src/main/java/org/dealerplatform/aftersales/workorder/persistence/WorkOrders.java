package org.dealerplatform.aftersales.workorder.persistence;

import java.util.List;
import java.util.Optional;

import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Work orders in collection {@code workOrders} (a read model; the events come from the vehicle aggregate). */
@Component
public class WorkOrders {

    public static final String COLLECTION = "workOrders";

    private final MongoTemplate mongo;

    public WorkOrders(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("serviceDate", Sort.Direction.DESC).named("branch_date"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("vin", Sort.Direction.ASC)
                .on("serviceDate", Sort.Direction.ASC).named("vin_date"));
    }

    /** Stores the work order once; a second store of the same id (replayed event) changes nothing. */
    public void storeOnce(WorkOrder workOrder) {
        try {
            mongo.insert(workOrder, COLLECTION);
        } catch (DuplicateKeyException alreadyStored) {
            // the request and the MaintenanceRecorded listener both store it; the first one wins
        }
    }

    public Optional<WorkOrder> findVisible(Caller caller, String id) {
        // an _id lookup, then the branch: a {_id, branchId} filter would scan every work order on the embedded server
        return Optional.ofNullable(mongo.findById(id, WorkOrder.class, COLLECTION))
                .filter(workOrder -> caller.canSee(workOrder.branchId()));
    }

    public long count(Criteria criteria) {
        return mongo.count(Query.query(criteria), COLLECTION);
    }

    public List<WorkOrder> find(Criteria criteria, int skip, int limit) {
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "serviceDate").and(Sort.by("_id")))
                .skip(skip).limit(limit);
        return mongo.find(query, WorkOrder.class, COLLECTION);
    }
}
