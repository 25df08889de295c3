package org.dealerplatform.gateway.security;

/** The roles a token's {@code roles} claim may hold (GW-2); each becomes the authority {@code ROLE_<name>}. */
public enum Role {
    HQ,
    BRANCH_MANAGER,
    SALES,
    SERVICE_ADVISOR
}
