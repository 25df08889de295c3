package org.dealerplatform.sales.customer.application;

import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Local replica of customer files, built from customer-service events (no synchronous calls). Applies a change only if
 * it is newer than what the replica holds (aggregate version), so redelivered and replayed events change nothing.
 */
@Service
public class CustomerReplica {

    public static final String COLLECTION = "customers";

    private final IdempotentWrites writes;

    public CustomerReplica(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** A customer file as registered at version {@code version}. */
    public void registered(String customerId, String branchId, String name, String type, String mobile, long version) {
        writes.applyIfNewer(COLLECTION, customerId, "version", version, new Update()
                .set("branchId", branchId)
                .set("name", name)
                .set("type", type)
                .set("mobile", mobile));
    }
}
