package org.dealerplatform.platform.security;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Object-level authorization in the query itself: a branch user's query only ever matches their branch's documents;
 * HQ's matches all. Every collection that holds branch data has a {@code branchId} field.
 */
public final class BranchScope {

    public static final String FIELD = "branchId";

    private BranchScope() {
    }

    /** The criteria restricting a query to what {@code caller} may see. */
    public static Criteria of(Caller caller) {
        return caller.isHq() ? new Criteria() : Criteria.where(FIELD).is(caller.branchId());
    }

    /** {@code criteria} further restricted to what {@code caller} may see. */
    public static Criteria of(Caller caller, Criteria criteria) {
        return caller.isHq() ? criteria : new Criteria().andOperator(Criteria.where(FIELD).is(caller.branchId()), criteria);
    }
}
