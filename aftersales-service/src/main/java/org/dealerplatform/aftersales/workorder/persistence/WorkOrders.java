package org.dealerplatform.aftersales.workorder.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
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

    /** One page of the work orders the caller may see, newest service first; every filter is optional. */
    public PageResponse<WorkOrder> search(Caller caller, String vin, LocalDate from, LocalDate to, int page, int size) {
        List<Criteria> filters = new ArrayList<>();
        if (vin != null && !vin.isBlank()) {
            filters.add(Criteria.where("vin").is(vin));
        }
        if (from != null) {
            filters.add(Criteria.where("serviceDate").gte(from));
        }
        if (to != null) {
            filters.add(Criteria.where("serviceDate").lte(to));
        }
        Criteria where = BranchScope.of(caller, filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters));
        long total = mongo.count(Query.query(where), COLLECTION);
        Query query = Query.query(where).with(Sort.by(Sort.Direction.DESC, "serviceDate").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, WorkOrder.class, COLLECTION), page, size, total);
    }
}
