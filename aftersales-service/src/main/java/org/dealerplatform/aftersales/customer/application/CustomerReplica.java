package org.dealerplatform.aftersales.customer.application;

import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Local replica of customer files, built from customer-service events: how to address an owner and their class (AFT-4
 * audiences). Applies a change only if it is newer than what the replica holds (aggregate version), so redelivered
 * and replayed events change nothing.
 */
@Service
public class CustomerReplica {

    public static final String COLLECTION = "customers";

    private final IdempotentWrites writes;

    public CustomerReplica(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** A customer file's contact details as of aggregate version {@code version}. */
    public void registered(String customerId, String branchId, String name, String mobile, String preferredLanguage,
            long version) {
        writes.applyIfNewer(COLLECTION, customerId, "version", version, new Update()
                .set("branchId", branchId)
                .set("name", name)
                .set("mobile", mobile)
                .set("preferredLanguage", preferredLanguage));
    }

    /** CUS-3: the customer's class; its own high-water mark, so a class is not lost to a contact update of a higher version. */
    public void classified(String customerId, String branchId, String customerClass, long version) {
        writes.applyIfNewer(COLLECTION, customerId, "classVersion", version,
                new Update().set("customerClass", customerClass).setOnInsert("branchId", branchId));
    }
}
