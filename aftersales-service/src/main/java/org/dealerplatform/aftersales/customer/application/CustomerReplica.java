package org.dealerplatform.aftersales.customer.application;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
    /**
     * INT-1: one work order granted to a branch by an exact lookup; {@code _id} = serving branch + customer + purpose.
     * Only grants for {@link Purpose#WORK_ORDER} are kept: a grant for a sale or a visit is sales-service's.
     */
    public static final String GRANTS = ServeAtBranchGrants.COLLECTION;

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;
    private final ServeAtBranchGrants grants;

    public CustomerReplica(IdempotentWrites writes, MongoTemplate mongo, Clock clock) {
        this.writes = writes;
        this.mongo = mongo;
        this.grants = new ServeAtBranchGrants(writes, mongo, clock, EnumSet.of(Purpose.WORK_ORDER));
    }

    /**
     * A grant from customer-service's {@code CustomerServiceGranted}: the serving branch may use the customer (a work
     * order on their vehicle) once until {@code expiresAt}, if the grant's purpose is a work order (others are ignored).
     * A newer grant replaces an older one; a redelivery changes nothing.
     */
    public void serviceGranted(ServeAtBranchGrants.Granted grant) {
        grants.granted(grant);
    }

    /** Whether {@code servingBranchId} holds an unused, unexpired work-order grant for the customer (an {@code _id} lookup). */
    public boolean holdsGrant(String servingBranchId, String customerId) {
        return grants.holds(servingBranchId, customerId, Purpose.WORK_ORDER);
    }

    /** Spends the work-order grant; false when another command spent it first or it expired meanwhile. */
    public boolean useGrant(String servingBranchId, String customerId, String by) {
        return grants.use(servingBranchId, customerId, Purpose.WORK_ORDER, by);
    }

    /**
     * A customer file's contact details as of aggregate version {@code version}; never after the customer's erasure
     * (SEC-9): a late or replayed event must not bring them back.
     */
    public void registered(String customerId, String branchId, String name, String mobile, String preferredLanguage,
            long version) {
        writes.apply(COLLECTION, registration(customerId, branchId, name, mobile, preferredLanguage, version));
    }

    /** {@link #registered} as a change of the replica, for {@link #applyAll}. */
    public IdempotentWrites.Change registration(String customerId, String branchId, String name, String mobile,
            String preferredLanguage, long version) {
        return IdempotentWrites.ifNewerUnlessErased(customerId, "version", version, new Update()
                .set("branchId", branchId)
                .set("name", name)
                .set("mobile", mobile)
                .set("preferredLanguage", preferredLanguage));
    }

    /**
     * A poll's changes of the replica at once, in their order (issue 10: an import's registrations and consents): one
     * {@code _id $in} read and one bulk write, with the rules of each change ({@link IdempotentWrites#applyAll}).
     */
    public void applyAll(List<IdempotentWrites.Change> changes) {
        writes.applyAll(COLLECTION, changes);
    }

    /**
     * SEC-9 (PIPL): the customer's personal data were erased. The replica keeps id, branch, language, class and the
     * consent flags (campaign audiences leave the customer out: no channel is allowed), loses name and mobile for good
     * and is marked {@code erased}. Service history, work orders and follow-up calls name the customer by id only and
     * keep it. Idempotent: a redelivery writes nothing.
     */
    public void erased(String customerId, String branchId, long version) {
        Map<String, Boolean> noChannel = new HashMap<>();
        for (String channel : List.of("SMS", "EMAIL", "LETTER", "PHONE")) {
            noChannel.put(channel, false);
        }
        writes.eraseOnce(COLLECTION, customerId, branchId, version,
                () -> new Update().set("consents", noChannel).unset("name").unset("mobile"), "version", CustomerConsents.MARK);
    }

    /** What after-sales knows of a customer the caller may see: the class it targets campaigns by (CUS-3, AFT-4). */
    public record Known(String customerClass) {
    }

    /**
     * The customer, if {@code caller} may read per-customer data of {@code customerId} (AFT-3 next steps): the customer
     * is in the replica and, for a branch user, a file of the caller's branch. One {@code _id} look-up, branch-scoped in
     * the query itself ({@link BranchScope}), so another branch's customer answers exactly like an unknown one.
     */
    public Optional<Known> visibleTo(Caller caller, String customerId) {
        Query query = Query.query(BranchScope.of(caller, Criteria.where("_id").is(customerId)));
        query.fields().include("customerClass");
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(d -> new Known(d.getString("customerClass")));
    }

    /** CUS-3: the customer's class; its own high-water mark, so a class is not lost to a contact update of a higher version. */
    public void classified(String customerId, String branchId, String customerClass, long version) {
        writes.applyIfNewer(COLLECTION, customerId, "classVersion", version,
                new Update().set("customerClass", customerClass).setOnInsert("branchId", branchId));
    }
}
