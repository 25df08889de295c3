package org.dealerplatform.security.tokens;

import java.util.Arrays;
import java.util.Optional;

/** The roles a token's {@code roles} claim may hold (SEC-1); every role but HQ works for one branch. */
public enum TokenRole {
    HQ(false),
    BRANCH_MANAGER(true),
    SALES(true),
    SERVICE_ADVISOR(true);

    private final boolean branchBound;

    TokenRole(boolean branchBound) {
        this.branchBound = branchBound;
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
