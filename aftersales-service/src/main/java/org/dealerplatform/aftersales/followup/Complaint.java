package org.dealerplatform.aftersales.followup;

import java.time.Instant;

/** A complaint for the branch manager, raised by a low score or complaint text (AFT-5) and closed with a resolution. */
public record Complaint(String id, Status status, int satisfaction, String text, Instant raisedAt, String resolution,
        String closedBy, Instant closedAt) {

    /** Open until the branch manager closes it. */
    public enum Status {
        OPEN, CLOSED
    }

    Complaint close(String resolution, String by, Instant now) {
        return new Complaint(id, Status.CLOSED, satisfaction, text, raisedAt, resolution, by, now);
    }
}
