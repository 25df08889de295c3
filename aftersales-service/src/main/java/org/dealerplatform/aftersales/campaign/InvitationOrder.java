package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * Who is invited first when the audience exceeds the workshop slots (AFT-4): VIP customers, then first class, then
 * everyone else; within each, the most recent visit first (never visited last), then the customer id so that the
 * same audience always fills the slots the same way.
 */
public final class InvitationOrder {

    /** One customer of the audience: the vehicle to invite with and their latest visit over all their vehicles. */
    public record Invitee(Candidate candidate, LocalDate lastVisit) {
    }

    public static final Comparator<Invitee> PRIORITY = Comparator
            .comparingInt((Invitee i) -> classRank(i.candidate().customerClass()))
            .thenComparing(Invitee::lastVisit, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(i -> i.candidate().customerId());

    private InvitationOrder() {
    }

    static int classRank(String customerClass) {
        if ("VIP".equals(customerClass)) {
            return 0;
        }
        return "FIRST_CLASS".equals(customerClass) ? 1 : 2;
    }
}
