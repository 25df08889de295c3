package org.dealerplatform.platform.security;

/** The roles a token can carry (GW-2). HQ sees every branch; the others see their own branch only. */
public enum Role {
    HQ, BRANCH_MANAGER, SALES, SERVICE_ADVISOR
}
