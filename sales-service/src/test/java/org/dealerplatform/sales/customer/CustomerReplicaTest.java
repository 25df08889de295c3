package org.dealerplatform.sales.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.test.CustomerReplicaContract;
import org.dealerplatform.test.ServiceTest;

/** CUS-7: sales-service's replica of customer files (the shared tests are {@link CustomerReplicaContract}). */
@ServiceTest
class CustomerReplicaTest extends CustomerReplicaContract {

    CustomerReplicaTest() {
        super(CustomerEventsListener.TOPIC, CustomerReplica.COLLECTION);
    }

    @Override
    protected void keepsServiceFields(Document replica) {
        assertThat(replica.getString("type")).isEqualTo("INDIVIDUAL");
    }
}
