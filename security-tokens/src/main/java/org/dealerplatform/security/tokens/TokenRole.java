package org.dealerplatform.security.tokens;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a token's {@code roles} claim may hold (SEC-1). HQ sees every branch; the branch roles work for one branch.
 * {@link #MONITORING} is for scrapers such as Prometheus (SEC-6): it may read metrics and API documents and nothing of
 * the business, so a leaked scrape credential exposes no customer or sale.
 */
public enum TokenRole {
    HQ(false),
    BRANCH_MANAGER(true),
    SALES(true),
    SERVICE_ADVISOR(true),
    MONITORING(false);

    private final boolean branchBound;

    TokenRole(boolean branchBound) {
        this.branchBound = branchBound;
    }

    /** The roles that may call business endpoints ({@code /api/**}); every role but {@link #MONITORING}. */
    public static String[] businessRoles() {
        return Arrays.stream(values()).filter(role -> role != MONITORING).map(Enum::name).toArray(String[]::new);
    }

    /** The roles that may read metrics and API documents outside the {@code local} profile (SEC-6). */
    public static String[] operationsRoles() {
        return new String[] {HQ.name(), MONITORING.name()};
    }

    /** True for roles that see one branch only, so a token holding one must name that branch. */
    public boolean branchBound() {
        return branchBound;
    }

    /** The role of this exact name, or empty for names nobody knows (case matters: tokens carry upper case). */
    public static Optional<TokenRole> named(String name) {
        return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
    }
}
