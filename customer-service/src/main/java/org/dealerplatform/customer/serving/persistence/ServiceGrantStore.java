package org.dealerplatform.customer.serving.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.customer.serving.ServiceGrant;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Service grants (collection {@code service_grants}, {@code _id} = serving branch + customer + purpose, the latest
 * grant of the three) and their audit trail (collection {@code service_grant_audit}, one entry per lookup, never changed). Grants are
 * kept after they expire: a sale or work order made under one is accepted when its event arrives later (INT-2).
 */
@Component
public class ServiceGrantStore {

    public static final String GRANTS = "service_grants";
    public static final String AUDIT = "service_grant_audit";

    private final MongoTemplate mongo;

    public ServiceGrantStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // a customer's audit trail and its SEC-9 erasure: indexed on a real MongoDB; the embedded server (which only
        // implements unique indexes) scans the audit, which grows with lookups, not with customers
        mongo.indexOps(AUDIT).createIndex(new Index().on("customerId", Sort.Direction.ASC).named("customer"));
    }

    /**
     * SEC-9: the audit of a customer whose personal data were erased keeps who looked them up, when, from which branch
     * and by which kind of key, but no longer the mobile number or VIN that was typed in. One multi-update by
     * {@code customerId}, run once per erasure (a rare command).
     */
    public void forgetLookupValues(String customerId) {
        mongo.updateMulti(Query.query(Criteria.where("customerId").is(customerId)), new Update().unset("lookupValue"),
                AUDIT);
    }

    /** Stores the grant (replacing an older one of the same branch, customer and purpose) and its audit entry. */
    public void save(ServiceGrant grant, String lookupValue) {
        mongo.insert(document(grant).append("_id", UUID.randomUUID().toString()).append("lookupValue", lookupValue),
                AUDIT);
        mongo.save(document(grant).append("_id", grant.id()), GRANTS);
    }

    /** Whether {@code servingBranchId} was ever granted {@code customerId} for {@code purpose} (an {@code _id} lookup). */
    public boolean everGranted(String servingBranchId, String customerId, Purpose purpose) {
        return mongo.findById(ServiceGrant.key(servingBranchId, customerId, purpose), Document.class, GRANTS) != null;
    }

    public Optional<ServiceGrant> grant(String servingBranchId, String customerId, Purpose purpose) {
        return Optional.ofNullable(mongo.findById(ServiceGrant.key(servingBranchId, customerId, purpose), Document.class,
                GRANTS)).map(ServiceGrantStore::grant);
    }

    /** The audit trail of one customer, newest first (read on demand by the customer's branch or HQ). */
    public List<ServiceGrant> auditOf(String customerId) {
        return mongo.find(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by(Sort.Direction.DESC,
                "grantedAt")).limit(200), Document.class, AUDIT).stream().map(ServiceGrantStore::grant).toList();
    }

    private static Document document(ServiceGrant g) {
        return new Document("grantId", g.grantId()).append("customerId", g.customerId())
                .append("homeBranchId", g.homeBranchId()).append("servingBranchId", g.servingBranchId())
                .append("purpose", g.purpose().name()).append("lookupKey", g.lookupKey()).append("grantedBy", g.grantedBy())
                .append("grantedAt", java.util.Date.from(g.grantedAt())).append("expiresAt", java.util.Date.from(g.expiresAt()));
    }

    private static ServiceGrant grant(Document d) {
        return new ServiceGrant(d.getString("grantId"), d.getString("customerId"), d.getString("homeBranchId"),
                d.getString("servingBranchId"), ServeAtBranchGrants.purpose(d.getString("purpose")), d.getString("lookupKey"), d.getString("grantedBy"),
                d.getDate("grantedAt").toInstant(), d.getDate("expiresAt").toInstant());
    }
}
