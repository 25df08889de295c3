package org.dealerplatform.load;

import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

/**
 * Where a customer's registration must arrive before the rest of the platform can use it: the replicas that
 * sales-service, aftersales-service and notification-service keep from customer-service's events. Read straight from
 * their databases, because that is the only place a replica is visible.
 */
final class Replicas implements AutoCloseable {

    /** database → collection of each customer replica. */
    static final Map<String, String> CUSTOMER_REPLICAS = Map.of(
            "sales", "customers", "aftersales", "customers", "notifications", "contacts");

    private final MongoClient mongo;

    Replicas(Target target) {
        this.mongo = MongoClients.create(target.mongoUri("admin"));
    }

    /** True when every id is in sales-service's customer replica (read by {@code _id}, so it stays cheap). */
    boolean salesReplicaHasAll(List<String> customerIds) {
        for (String id : customerIds) {
            if (mongo.getDatabase("sales").getCollection("customers").find(Filters.eq("_id", id)).first() == null) {
                return false;
            }
        }
        return true;
    }

    /** Documents in one service's customer replica. */
    long customers(String database) {
        return mongo.getDatabase(database).getCollection(CUSTOMER_REPLICAS.get(database)).estimatedDocumentCount();
    }

    /** Customer files stored by customer-service itself. */
    long customerFiles() {
        return mongo.getDatabase("customers").getCollection("customers").estimatedDocumentCount();
    }

    /**
     * Customer files whose events customer-service's outbox relay has not published yet: the relay's pending-event
     * pointers ({@code outbox_hints}) of the customer collection, so files stored minus these is what the relay has
     * published (issue 10: is the relay or are the replicas the limit of an import?).
     */
    long unpublishedFiles() {
        return mongo.getDatabase("customers").getCollection("outbox_hints")
                .countDocuments(Filters.eq("collection", "customers"));
    }

    @Override
    public void close() {
        mongo.close();
    }
}
