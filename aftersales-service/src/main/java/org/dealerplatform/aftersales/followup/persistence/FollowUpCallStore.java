package org.dealerplatform.aftersales.followup.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.aftersales.followup.Complaint;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Follow-up calls in collection {@code followUpCalls}; events to {@code aftersales.followup.events}. */
@Component
public class FollowUpCallStore extends AggregateStore<FollowUpCall> {

    public static final String COLLECTION = "followUpCalls";
    public static final String TOPIC = "aftersales.followup.events";

    public FollowUpCallStore(OutboxSupport support) {
        super(support, FollowUpCall.class, COLLECTION, TOPIC);
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("dueDate", Sort.Direction.ASC).named("branch_status_due"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("complaint.status", Sort.Direction.ASC).named("branch_complaint"));
    }

    /** One page of the calls in {@code status} the caller may see, due before {@code dueBefore} if given, soonest first. */
    public PageResponse<FollowUpCall> calls(Caller caller, FollowUpCall.Status status, LocalDate dueBefore, int page,
            int size) {
        List<Criteria> filters = new ArrayList<>(List.of(Criteria.where("status").is(status.name())));
        if (dueBefore != null) {
            filters.add(Criteria.where("dueDate").lt(dueBefore));
        }
        return page(BranchScope.of(caller, new Criteria().andOperator(filters)), Sort.by("dueDate", "_id"), page, size);
    }

    /** One page of the calls whose complaint is in {@code status}, for the caller's branch, oldest complaint first. */
    public PageResponse<FollowUpCall> complaints(Caller caller, Complaint.Status status, int page, int size) {
        return page(BranchScope.of(caller, Criteria.where("complaint.status").is(status.name())),
                Sort.by("complaint.raisedAt", "_id"), page, size);
    }

    private PageResponse<FollowUpCall> page(Criteria where, Sort sort, int page, int size) {
        List<FollowUpCall> content = mongo().find(Query.query(where).with(sort).skip((long) page * size).limit(size),
                FollowUpCall.class, COLLECTION);
        return PageResponse.of(content, page, size, mongo().count(Query.query(where), COLLECTION));
    }
}
