package org.dealerplatform.aftersales.followup.persistence;

import java.util.List;

import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
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

    public List<FollowUpCall> find(Criteria criteria, Sort sort, int skip, int limit) {
        return mongo().find(Query.query(criteria).with(sort).skip(skip).limit(limit), FollowUpCall.class, COLLECTION);
    }

    public long count(Criteria criteria) {
        return mongo().count(Query.query(criteria), COLLECTION);
    }
}
