package org.dealerplatform.platform.events;

/**
 * INT-2: an event of one branch would change a record of another branch. Consumers refuse such an effect as a permanent
 * error (dead letter and the {@code dealer.dead.letters} metric with reason {@code foreign-branch}), never silently:
 * only operations that are cross-branch by design (HQ transfer, merge, an audited serve-at-branch) may do that, and
 * they do not call {@link IncomingEvent#requireSameBranch}.
 */
public class ForeignBranchEffectException extends RejectedEventException {

    public ForeignBranchEffectException(String message) {
        super(message, null);
    }
}
