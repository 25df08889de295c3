package org.dealerplatform.sales.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.platform.domain.RuleViolation;

/**
 * A prospect (potential customer) followed up by a salesperson until they buy or are lost (SAL-10). Immutable: each
 * change returns the new state. {@code interestModel} is a catalogue model id (SAL-12; a lead opened before the
 * catalogue may hold free text), {@code interestCategory} its vehicle category; a converted lead also carries the model
 * the customer bought ({@code saleModel}, the sale's catalogue model).
 */
public record Lead(String id, String branchId, String name, String mobile, Source source, String interestModel,
        String interestCategory, String salespersonId, Status status, LocalDate nextFollowUpDate, List<FollowUp> followUps,
        String saleId, String saleModel, LocalDate createdOn, Instant createdAt, String createdBy) {

    /** Where the lead came from. */
    public enum Source {
        WALK_IN, PHONE, WEBSITE, REFERRAL, EXHIBITION, CAMPAIGN, OTHER
    }

    /** Where the lead stands; CONVERTED and LOST are final. */
    public enum Status {
        NEW, FOLLOWING_UP, CONVERTED, LOST;

        public boolean isOpen() {
            return this == NEW || this == FOLLOWING_UP;
        }
    }

    /** One contact with the prospect and what they said (feedback for the morning meeting, SAL-8). */
    public record FollowUp(LocalDate date, String note, String by) {
    }

    public Lead {
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    /** {@code interestModel}: the catalogue model id (null when the prospect named none), with its category. */
    public static Lead open(String id, String branchId, String name, String mobile, Source source, String interestModel,
            String interestCategory, String salespersonId, LocalDate nextFollowUpDate, LocalDate today, Instant now,
            String by) {
        return new Lead(id, branchId, name, mobile, source, interestModel, interestCategory, salespersonId, Status.NEW,
                nextFollowUpDate, List.of(), null, null, today, now, by);
    }

    /** Records a contact; {@code lost} closes the lead, otherwise the next follow-up date is required. */
    public Lead followUp(LocalDate date, String note, LocalDate next, boolean lost, String by) {
        requireOpen();
        if (!lost && next == null) {
            throw new RuleViolation("nextFollowUpDate", "an open lead needs the next follow-up date");
        }
        if (!lost && next.isBefore(date)) {
            throw new RuleViolation("nextFollowUpDate", "the next follow-up cannot be before this one");
        }
        List<FollowUp> all = new ArrayList<>(followUps);
        all.add(new FollowUp(date, note, by));
        return new Lead(id, branchId, name, mobile, source, interestModel, interestCategory, salespersonId,
                lost ? Status.LOST : Status.FOLLOWING_UP, lost ? null : next, all, saleId, saleModel, createdOn, createdAt,
                createdBy);
    }

    /**
     * The prospect bought: the lead points at the sale, keeps the catalogue model it was interested in and carries the
     * sale's catalogue model ({@code saleModel}), and closes.
     */
    public Lead convert(String saleId, String saleModel) {
        requireOpen();
        return new Lead(id, branchId, name, mobile, source, interestModel, interestCategory, salespersonId,
                Status.CONVERTED, null, followUps, saleId, saleModel, createdOn, createdAt, createdBy);
    }

    /** Follow-ups and conversion need an open lead (answered 422 with {@code status}). */
    public void requireOpen() {
        if (!status.isOpen()) {
            throw new RuleViolation("status", "the lead is " + status + " already");
        }
    }
}
