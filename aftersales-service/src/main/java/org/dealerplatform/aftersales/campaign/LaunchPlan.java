package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a launch considers, in invitation order (AFT-4): the candidates the audience rule admits and who consent to an
 * invitation channel, one per customer (their first listed vehicle, their latest visit over all vehicles), VIP first,
 * then first class, then the most recent visit ({@link InvitationOrder}). Pure: the launch job walks it in chunks.
 *
 * @param ordered                the eligible customers, first to invite first
 * @param excludedWithoutConsent customers the rule admits but who consent to no invitation channel
 */
public record LaunchPlan(List<InvitationOrder.Invitee> ordered, int excludedWithoutConsent) {

    public static LaunchPlan of(AudienceRule audience, List<Candidate> candidates, LocalDate today) {
        Map<String, Candidate> eligible = new LinkedHashMap<>();
        Map<String, LocalDate> lastVisits = new HashMap<>();
        Set<String> withoutConsent = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (!audience.matches(candidate, today)) {
                continue;
            }
            if (!InvitationConsent.allows(candidate.consents())) {
                withoutConsent.add(candidate.customerId());
                continue;
            }
            eligible.putIfAbsent(candidate.customerId(), candidate);
            if (candidate.lastVisitDate() != null) {
                lastVisits.merge(candidate.customerId(), candidate.lastVisitDate(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        withoutConsent.removeAll(eligible.keySet());
        List<InvitationOrder.Invitee> ordered = new ArrayList<>(eligible.size());
        for (Candidate candidate : eligible.values()) {
            ordered.add(new InvitationOrder.Invitee(candidate, lastVisits.get(candidate.customerId())));
        }
        ordered.sort(InvitationOrder.PRIORITY);
        return new LaunchPlan(List.copyOf(ordered), withoutConsent.size());
    }

    public int eligible() {
        return ordered.size();
    }

    /**
     * Walks the plan for one launch, chunk by chunk. For each invitee: an invitation this launch already made (a resumed
     * job) counts as invited now; one an earlier launch made is skipped; otherwise a new invitation while slots remain,
     * else the customer is left out. Replaying a chunk decides the same, so a resumed job invites nobody twice.
     */
    public static final class Wave {

        private final String launchId;
        private final int capacity;
        private final int takenBefore;
        private int invitedNow;
        private int leftOut;

        /** {@code takenBefore}: slots held before this launch (invited by earlier launches minus slots given back). */
        public Wave(String launchId, int capacity, int takenBefore) {
            this.launchId = launchId;
            this.capacity = capacity;
            this.takenBefore = takenBefore;
        }

        /**
         * Decides one chunk; {@code existing} maps the invitation ids of the chunk that exist to the launch that made
         * them. Returns the invitees to invite now.
         */
        public List<InvitationOrder.Invitee> decide(String campaignId, List<InvitationOrder.Invitee> chunk,
                Map<String, String> existing) {
            List<InvitationOrder.Invitee> invite = new ArrayList<>();
            for (InvitationOrder.Invitee invitee : chunk) {
                String id = CampaignInvitation.idOf(campaignId, invitee.candidate().customerId());
                if (existing.containsKey(id)) {
                    if (launchId.equals(existing.get(id))) {
                        invitedNow++; // made by this launch before a restart
                    }
                    continue;
                }
                if (takenBefore + invitedNow >= capacity) {
                    leftOut++;
                    continue;
                }
                invitedNow++;
                invite.add(invitee);
            }
            return invite;
        }

        /** An invitation decided here was refused by the database as existing (a concurrent writer): not ours. */
        public void notInvited() {
            invitedNow--;
        }

        public int invitedNow() {
            return invitedNow;
        }

        public int leftOut() {
            return leftOut;
        }
    }
}
