package org.dealerplatform.sales.customer.application;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Local replica of customer files, built from customer-service events (no synchronous calls), and the one place that
 * resolves a command's customer reference (INT-1). Applies a change only if it is newer than what the replica holds
 * (aggregate version), so redelivered and replayed events change nothing.
 */
@Service
public class CustomerReplica {

    public static final String COLLECTION = "customers";
    /** The class keeps its own high-water mark: a contact update of a higher version must not hide a class change. */
    public static final String CLASS_MARK = "classVersion";
    /**
     * INT-1: one transaction granted to a branch by an exact lookup; {@code _id} = serving branch + customer + purpose.
     * sales-service honours grants for a sale and for a visit only; a work-order grant is aftersales-service's.
     */
    public static final String GRANTS = ServeAtBranchGrants.COLLECTION;

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;
    private final VisitStore visits;

    private final ServeAtBranchGrants grants;

    public CustomerReplica(IdempotentWrites writes, MongoTemplate mongo, VisitStore visits, Clock clock) {
        this.grants = new ServeAtBranchGrants(writes, mongo, clock, EnumSet.of(Purpose.SALE, Purpose.VISIT));
        this.writes = writes;
        this.mongo = mongo;
        this.visits = visits;
    }

    /**
     * A customer file as registered (or updated, transferred by HQ) at version {@code version}. Never after the
     * customer's erasure (SEC-9): a late or replayed event must not bring the name and mobile back.
     */
    public void registered(String customerId, String branchId, String name, String type, String mobile, long version) {
        writes.apply(COLLECTION, registration(customerId, branchId, name, type, mobile, version));
    }

    /** {@link #registered} as a change of the replica, for {@link #registeredAll}. */
    public IdempotentWrites.Change registration(String customerId, String branchId, String name, String type,
            String mobile, long version) {
        return IdempotentWrites.ifNewerUnlessErased(customerId, "version", version, new Update()
                .set("branchId", branchId)
                .set("name", name)
                .set("type", type)
                .set("mobile", mobile));
    }

    /**
     * {@link #registered} for a poll's registrations and updates at once, in their order (issue 10: an import's
     * 100,000 customers): one {@code _id $in} read and one bulk write, with the same rules (newer version only, never
     * after the erasure); see {@link IdempotentWrites#applyAll}.
     */
    public void registeredAll(List<IdempotentWrites.Change> registrations) {
        writes.applyAll(COLLECTION, registrations);
    }

    /**
     * SEC-9 (PIPL): the customer's personal data were erased. The replica keeps the id, branch, type and class (the
     * sales figures keep their customer id without the person), loses name and mobile for good and is marked
     * {@code erased}; the visits' copies of the name are blanked. Idempotent: a redelivery writes nothing again (the
     * visits' blanking is repeated, and changes nothing the second time).
     */
    public void erased(String customerId, String branchId, long version) {
        writes.eraseOnce(COLLECTION, customerId, branchId, version, () -> new Update().unset("name").unset("mobile"),
                "version");
        visits.forgetCustomerName(customerId);
    }

    /** CUS-3 / SAL-7: the customer's class (VIP, FIRST_CLASS, ...), applied only if newer than the class held. */
    public void classified(String customerId, String branchId, String customerClass, long version) {
        writes.applyIfNewer(COLLECTION, customerId, CLASS_MARK, version,
                new Update().set("customerClass", customerClass).setOnInsert("branchId", branchId));
        // planned visits follow the class the replica holds now (also on a redelivery, completing a half-applied effect)
        find(customerId).ifPresent(c -> visits.flagPlanned(customerId, c.vip()));
    }

    /** SAL-7: the VIP customers of a branch as the replica knows them. */
    public List<KnownCustomer> vipsOf(String branchId) {
        return mongo.find(Query.query(Criteria.where("branchId").is(branchId).and("customerClass").is("VIP")),
                Document.class, COLLECTION).stream()
                .map(d -> new KnownCustomer(d.getString("_id"), branchId, d.getString("name"), "VIP")).toList();
    }

    /** The replica's copy of a customer, if it has one. */
    public Optional<KnownCustomer> find(String customerId) {
        Document d = customerId == null ? null : mongo.findById(customerId, Document.class, COLLECTION);
        if (d == null || d.getString("branchId") == null) {
            return Optional.empty();
        }
        return Optional.of(new KnownCustomer(customerId, d.getString("branchId"), d.getString("name"),
                d.getString("customerClass"), null, null, IdempotentWrites.isErased(d)));
    }

    /**
     * INT-1: the customer a command names, if it is a customer of {@code branchId} (the record's branch: the caller's
     * own, or the one HQ names), or another branch's customer that {@code branchId} holds an unused, unexpired grant for
     * with this command's {@code purpose} (an exact lookup in customer-service; then {@link KnownCustomer#grantedTo()} is set and the command must
     * {@link #useGrant} it just before it writes). Unknown and another branch's customer without a grant get the same
     * 422 on {@code field}, so the answer tells nothing about other branches. A customer registered a moment ago is
     * usable once its event is applied here.
     */
    public KnownCustomer requireAt(String branchId, String customerId, Purpose purpose, String field) {
        KnownCustomer customer = find(customerId).orElseThrow(() -> unusable(branchId, customerId, field));
        if (customer.erased()) { // SEC-9: an erased customer takes no new sale or visit
            throw unusable(branchId, customerId, field);
        }
        if (customer.branchId().equals(branchId)) {
            return customer;
        }
        if (!grants.holds(branchId, customerId, purpose)) {
            throw unusable(branchId, customerId, field);
        }
        return customer.grantedTo(branchId, purpose);
    }

    /**
     * INT-1: spends the grant a foreign customer was resolved with (nothing for the branch's own customer). Only one
     * command can spend it: a second one, even a concurrent one, gets the 422 on {@code field}.
     */
    public void useGrant(KnownCustomer customer, String by, String field) {
        if (customer.grantedTo() == null) {
            return;
        }
        if (!grants.use(customer.grantedTo(), customer.id(), customer.grantPurpose(), by)) {
            throw unusable(customer.grantedTo(), customer.id(), field);
        }
    }

    /**
     * A grant from customer-service's {@code CustomerServiceGranted}: the serving branch may use the customer once, for
     * the grant's purpose, until {@code expiresAt}; a grant for another service's purpose (a work order) is ignored. A
     * newer grant (a later lookup) replaces an older one of the same purpose, used or not; a redelivery changes nothing.
     */
    public void serviceGranted(ServeAtBranchGrants.Granted grant) {
        grants.granted(grant);
    }

    private static RuleViolation unusable(String branchId, String customerId, String field) {
        return new RuleViolation(field, "no customer " + customerId + " at branch " + branchId
                + " (a customer registered a moment ago becomes usable within a second; a customer of another branch "
                + "only after an exact lookup for this purpose: POST /api/customers/serve-at-branch)");
    }

    /**
     * A customer as the replica knows it: id, branch, name and class (null until classified); {@code grantedTo} is the
     * serving branch when another branch's customer is used under an INT-1 grant, {@code grantPurpose} its purpose;
     * {@code erased} when the customer's personal data were erased (SEC-9: no name, no new sale or visit).
     */
    public record KnownCustomer(String id, String branchId, String name, String customerClass, String grantedTo,
            Purpose grantPurpose, boolean erased) {

        public KnownCustomer(String id, String branchId, String name, String customerClass) {
            this(id, branchId, name, customerClass, null, null, false);
        }

        KnownCustomer grantedTo(String servingBranchId, Purpose purpose) {
            return new KnownCustomer(id, branchId, name, customerClass, servingBranchId, purpose, erased);
        }

        public boolean vip() {
            return "VIP".equals(customerClass);
        }
    }
}
