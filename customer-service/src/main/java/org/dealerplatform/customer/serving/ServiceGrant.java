package org.dealerplatform.customer.serving;

import java.time.Duration;
import java.time.Instant;

import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;

/**
 * Branch {@code servingBranchId} may use customer {@code customerId} (of {@code homeBranchId}) in one transaction of
 * the kind {@code purpose} (a sale, a visit or a work order) until {@code expiresAt}, because {@code grantedBy} looked the
 * customer up by exact {@code lookupKey} (INT-1). Its id is (serving branch, customer, purpose), so every check is an
 * {@code _id} lookup; a later lookup for the same purpose replaces it.
 */
public record ServiceGrant(String grantId, String customerId, String homeBranchId, String servingBranchId,
        Purpose purpose, String lookupKey, String grantedBy, Instant grantedAt, Instant expiresAt) {

    /** How long a lookup's grant lasts: long enough for a sale or a work order at the counter, not for a day. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);

    public String id() {
        return key(servingBranchId, customerId, purpose);
    }

    public static String key(String servingBranchId, String customerId, Purpose purpose) {
        return servingBranchId + "|" + customerId + "|" + purpose.name();
    }
}
