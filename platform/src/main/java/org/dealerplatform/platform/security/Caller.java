package org.dealerplatform.platform.security;

import java.util.Optional;
import java.util.Set;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.web.NotFoundException;

/**
 * Who is calling: user id, roles, home branch and, for salespeople, the link to their salesperson record (UI-1: "my
 * leads", "my visits"), from the validated token. Controllers take it as a method parameter; persistence adapters put
 * {@link BranchScope#of(Caller)} into every query.
 *
 * @param salespersonId the token's {@code salespersonId} claim, or null when the caller is no salesperson
 */
public record Caller(String userId, Set<Role> roles, String branchId, String salespersonId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** A caller without a salesperson link. */
    public Caller(String userId, Set<Role> roles, String branchId) {
        this(userId, roles, branchId, null);
    }

    /** The caller's salesperson record, if their token links one. */
    public Optional<String> salesperson() {
        return Optional.ofNullable(salespersonId);
    }

    public boolean isHq() {
        return roles.contains(Role.HQ);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** True if this caller may see data of {@code branch}: HQ sees all, everyone else only their own branch. */
    public boolean canSee(String branch) {
        return isHq() || (branchId != null && branchId.equals(branch));
    }

    /**
     * Fails with "not found" when the caller may not see {@code branch}'s data, so that a foreign record looks exactly
     * like a missing one (no existence leak).
     */
    public void requireVisible(String branch, String what, Object id) {
        if (!canSee(branch)) {
            throw new NotFoundException(what, id);
        }
    }

    /**
     * The branch a branch report is about: the one named, else the caller's own. HQ naming none is refused (422 on
     * {@code branchId}); a branch the caller may not see answers "not found", like a missing one.
     */
    public String reportBranch(String requestedBranch) {
        String branch = requestedBranch == null ? branchId : requestedBranch;
        if (branch == null) {
            throw new RuleViolation("branchId", "say which branch");
        }
        requireVisible(branch, "branch", branch);
        return branch;
    }

    /** The branch a new record of this caller belongs to: their own, or for HQ the one they name. */
    public String branchForNewRecord(String requestedBranch) {
        if (isHq()) {
            if (requestedBranch == null || requestedBranch.isBlank()) {
                throw new BranchRequiredException();
            }
            return requestedBranch;
        }
        if (requestedBranch != null && !requestedBranch.isBlank() && !requestedBranch.equals(branchId)) {
            throw new ForeignBranchException(requestedBranch);
        }
        return branchId;
    }

    /** HQ creating a branch record must say which branch. */
    public static class BranchRequiredException extends RuntimeException {
        public BranchRequiredException() {
            super("branchId is required when HQ creates a branch record");
        }
    }

    /** A branch user tried to create or move a record into another branch. */
    public static class ForeignBranchException extends RuntimeException {
        public ForeignBranchException(String branch) {
            super("you may only create records for your own branch, not " + branch);
        }
    }
}
