package org.dealerplatform.customer.serving;

import java.time.Duration;
import java.time.Instant;

/**
 * Branch {@code servingBranchId} may use customer {@code customerId} (of {@code homeBranchId}) in one transaction until
 * {@code expiresAt}, because {@code grantedBy} looked the customer up by exact {@code lookupKey} (INT-1). Its id is the
 * pair (serving branch, customer), so every check is an {@code _id} lookup; a later lookup replaces it.
 */
public record ServiceGrant(String grantId, String customerId, String homeBranchId, String servingBranchId,
        String lookupKey, String grantedBy, Instant grantedAt, Instant expiresAt) {

    /** How long a lookup's grant lasts: long enough for a sale or a work order at the counter, not for a day. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);

    public String id() {
        return key(servingBranchId, customerId);
    }

    public static String key(String servingBranchId, String customerId) {
        return servingBranchId + "|" + customerId;
    }
}
