package org.dealerplatform.sales.organisation;

import java.time.Instant;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * The record that a salesperson left their branch and who took over their work (UI-3); {@code id} = the salesperson's
 * id. An aggregate of its own, so the departure leaves through the outbox as
 * {@link OrganisationEvents.SalespersonDeactivated}. A salesperson taken on again and leaving a second time records a
 * second event on the same aggregate.
 */
public class SalespersonDeparture extends AggregateRoot {

    private String successorId;
    private String recordedBy;
    private Instant departedAt;

    public SalespersonDeparture(String id, String branchId, String successorId, String recordedBy, Instant departedAt,
            long version) {
        super(id, branchId, version);
        this.successorId = successorId;
        this.recordedBy = recordedBy;
        this.departedAt = departedAt;
    }

    /** {@code leaving} leaves; {@code successor} takes over. Both must be of the same branch, the successor active. */
    public static SalespersonDeparture of(Salesperson leaving, Salesperson successor, String by, Instant now) {
        SalespersonDeparture departure = new SalespersonDeparture(leaving.id(), leaving.branchId(), null, null, null, 0);
        departure.leave(leaving, successor, by, now);
        return departure;
    }

    /** The salesperson, taken on again meanwhile, leaves once more. */
    public void leave(Salesperson leaving, Salesperson successor, String by, Instant now) {
        requireSuccessor(leaving, successor);
        successorId = successor.id();
        recordedBy = by;
        departedAt = now;
        record(new OrganisationEvents.SalespersonDeactivated(id, branchId, successorId, by, now));
    }

    /** The rules for who may take over: another salesperson, active, of the leaving one's own branch. */
    public static void requireSuccessor(Salesperson leaving, Salesperson successor) {
        if (successor == null || !successor.branchId().equals(leaving.branchId())) {
            throw new RuleViolation("successorId", "must be a salesperson of branch " + leaving.branchId());
        }
        if (successor.id().equals(leaving.id())) {
            throw new RuleViolation("successorId", "must be another salesperson than the one leaving");
        }
        if (!successor.active()) {
            throw new RuleViolation("successorId", "must be an active salesperson");
        }
    }

    public String successorId() {
        return successorId;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant departedAt() {
        return departedAt;
    }
}
