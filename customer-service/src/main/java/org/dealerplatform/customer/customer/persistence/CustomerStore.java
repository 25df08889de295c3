package org.dealerplatform.customer.customer.persistence;

import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Customer files in collection {@code customers}; events to {@code customers.customer.events}. */
@Component
public class CustomerStore extends AggregateStore<Customer> {

    public static final String COLLECTION = "customers";
    public static final String TOPIC = "customers.customer.events";

    public CustomerStore(OutboxSupport support) {
        super(support, Customer.class, COLLECTION, TOPIC);
        // CUS-6: one file per mobile number, enforced by the database, not by a racy look-up
        mongo().indexOps(COLLECTION).createIndex(new Index().on("mobile", Sort.Direction.ASC).unique().sparse()
                .named("mobile_unique"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).named("branch_name"));
    }
}
