package org.dealerplatform.customer.file;

import java.time.LocalDate;

/**
 * A visit or maintenance of the customer at the branch (CUS-1). {@code reference} names its source when it came from
 * another service (e.g. {@code work-order:wo-2026-0001}), so the same source is recorded once.
 */
public record Visit(LocalDate date, Kind kind, String note, String reference) {

    public Visit(LocalDate date, Kind kind, String note) {
        this(date, kind, note, null);
    }

    /** Why the customer came. */
    public enum Kind {
        VISIT, MAINTENANCE
    }
}
