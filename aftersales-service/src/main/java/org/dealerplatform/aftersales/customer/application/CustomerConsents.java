package org.dealerplatform.aftersales.customer.application;

import java.util.HashMap;
import java.util.Map;

import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps a customer's consent per channel in the replica ({@code consents.<CHANNEL>}) from
 * {@code dealer.customers.ContactPreferencesChanged.v1}, so that campaign audiences leave out customers who refused
 * every invitation channel (AFT-4, CUS-5).
 *
 * <p>The consents keep a high-water mark of their own ({@value #MARK}): a registration saves CustomerRegistered and the
 * consent given in one write, so both events carry the same aggregate version and one mark would drop the second.
 */
@Service
public class CustomerConsents {

    public static final String MARK = "preferencesVersion";

    private final IdempotentWrites writes;

    public CustomerConsents(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** The full current consents of a customer (the event carries them all); applied only if newer than the replica's. */
    public boolean changed(String customerId, String branchId, long aggregateVersion, Map<String, Boolean> consents) {
        return writes.apply(CustomerReplica.COLLECTION, change(customerId, branchId, aggregateVersion, consents));
    }

    /** {@link #changed} as a change of the replica, for {@link CustomerReplica#applyAll}. */
    public IdempotentWrites.Change change(String customerId, String branchId, long aggregateVersion,
            Map<String, Boolean> consents) {
        Map<String, Boolean> byChannel = new HashMap<>();
        if (consents != null) {
            consents.forEach((channel, given) -> byChannel.put(channel, Boolean.TRUE.equals(given)));
        }
        // never after the customer's erasure (SEC-9): a replayed consent must not put them back into audiences
        return IdempotentWrites.ifNewerUnlessErased(customerId, MARK, aggregateVersion,
                new Update().set("consents", byChannel).setOnInsert("branchId", branchId));
    }
}
