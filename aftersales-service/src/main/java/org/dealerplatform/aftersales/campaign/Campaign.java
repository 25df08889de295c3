package org.dealerplatform.aftersales.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dealerplatform.aftersales.DomainRuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * An after-sales campaign of one branch (AFT-4): "free testing week", "preferential service month", a knowledge
 * party, or a VIP seminar / return visit (AFT-6), with its content, dates, address and audience rule.
 *
 * <p>Launching invites each eligible customer once (reason key {@code campaign:<id>:<customerId>}), never more than the
 * workshop slots declared for the campaign dates (AFT-8), VIPs first, then first class, then the most recent visit;
 * customers who consent to no invitation channel are left out and counted (AFT-4). Launching again only invites customers who became eligible
 * since, while slots remain: a re-launch after a crash or a double click invites nobody twice.
 */
public class Campaign extends AggregateRoot {

    /** Draft until first launched. */
    public enum Status {
        DRAFT, LAUNCHED
    }

    private final CampaignType type;
    private final String name;
    private final String content;
    private final LocalDate startDate;
    private final LocalDate endDate;
    private final String address;
    private final AudienceRule audience;
    private List<WorkshopSlots> slots;
    private List<String> invitedCustomerIds;
    private List<String> releasedCustomerIds;
    private Status status;
    private Instant lastLaunchedAt;
    private LaunchResult lastLaunch; // REL-7: what the last launch answered, for a retry of it
    private final String createdBy;

    public Campaign(String id, String branchId, CampaignType type, String name, String content, LocalDate startDate,
            LocalDate endDate, String address, AudienceRule audience, List<WorkshopSlots> slots,
            List<String> invitedCustomerIds, List<String> releasedCustomerIds, Status status, Instant lastLaunchedAt,
            String createdBy, long version) {
        super(id, branchId, version);
        this.type = type;
        this.name = name;
        this.content = content;
        this.startDate = startDate;
        this.endDate = endDate;
        this.address = address;
        this.audience = audience == null ? AudienceRule.anyone() : audience;
        this.slots = slots == null ? new ArrayList<>() : new ArrayList<>(slots);
        this.invitedCustomerIds = invitedCustomerIds == null ? new ArrayList<>() : new ArrayList<>(invitedCustomerIds);
        this.releasedCustomerIds = releasedCustomerIds == null ? new ArrayList<>() : new ArrayList<>(releasedCustomerIds);
        this.status = status;
        this.lastLaunchedAt = lastLaunchedAt;
        this.createdBy = createdBy;
    }

    /** Plans a campaign; VIP activities invite VIP customers unless the rule names classes (AFT-6). */
    public static Campaign plan(String id, String branchId, CampaignType type, String name, String content,
            LocalDate startDate, LocalDate endDate, String address, AudienceRule audience, String createdBy) {
        Objects.requireNonNull(branchId, "branchId");
        if (endDate.isBefore(startDate)) {
            throw new DomainRuleViolation("endDate", "the campaign ends before it starts");
        }
        AudienceRule rule = audience == null ? AudienceRule.anyone() : audience;
        return new Campaign(id, branchId, type, name, content, startDate, endDate, address,
                type.forVips() ? rule.vipsUnlessClassesGiven() : rule, List.of(), List.of(), List.of(), Status.DRAFT, null,
                createdBy, 0);
    }

    /** The workshop declares its slots per campaign day (AFT-8); the declaration replaces the previous one. */
    public void declareSlots(List<WorkshopSlots> declared) {
        Map<LocalDate, Integer> byDate = new LinkedHashMap<>();
        for (WorkshopSlots day : declared) {
            if (day.date().isBefore(startDate) || day.date().isAfter(endDate)) {
                throw new DomainRuleViolation("slots", day.date() + " is outside the campaign dates " + startDate
                        + " – " + endDate);
            }
            if (day.slots() < 0) {
                throw new DomainRuleViolation("slots", "slots cannot be negative");
            }
            byDate.merge(day.date(), day.slots(), Integer::sum);
        }
        slots = new ArrayList<>(byDate.entrySet().stream().map(e -> new WorkshopSlots(e.getKey(), e.getValue())).toList());
    }

    /** Workshop slots of the campaign dates: the most customers it may invite (AFT-8). */
    public int capacity() {
        return slots.stream().mapToInt(WorkshopSlots::slots).sum();
    }

    /**
     * Invites the candidates the audience rule admits and who consent to an invitation channel, one invitation per
     * customer (their first listed vehicle), until the slots are taken (AFT-4, AFT-8). When they exceed the slots, VIP
     * customers come first, then first class, then the most recent visit ({@link InvitationOrder}).
     */
    public LaunchResult launch(List<Candidate> candidates, LocalDate today, Instant now) {
        if (endDate.isBefore(today)) {
            throw new DomainRuleViolation("endDate", "the campaign is over; it cannot invite anyone any more");
        }
        if (capacity() == 0) {
            throw new DomainRuleViolation("slots", "declare the workshop slots for the campaign dates before launching");
        }
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
                lastVisits.merge(candidate.customerId(), candidate.lastVisitDate(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        withoutConsent.removeAll(eligible.keySet());
        List<InvitationOrder.Invitee> ordered = new ArrayList<>();
        for (Candidate candidate : eligible.values()) {
            ordered.add(new InvitationOrder.Invitee(candidate, lastVisits.get(candidate.customerId())));
        }
        ordered.sort(InvitationOrder.PRIORITY);
        Set<String> invited = new LinkedHashSet<>(invitedCustomerIds);
        int invitedNow = 0;
        int leftOut = 0;
        for (InvitationOrder.Invitee invitee : ordered) {
            Candidate candidate = invitee.candidate();
            if (invited.contains(candidate.customerId())) {
                continue;
            }
            if (invited.size() - releasedCustomerIds.size() >= capacity()) { // a slot given back is free again
                leftOut++;
                continue;
            }
            invited.add(candidate.customerId());
            invitedNow++;
            record(new CampaignEvents.CampaignInvitationRequested(id, candidate.customerId(), branchId, name,
                    content, startDate, endDate, address, candidate.vin(), reasonKey(id, candidate.customerId())));
        }
        invitedCustomerIds = new ArrayList<>(invited);
        status = Status.LAUNCHED;
        lastLaunchedAt = now;
        lastLaunch = new LaunchResult(eligible.size(), invitedNow, invitedCustomerIds.size(), capacity(), leftOut,
                withoutConsent.size());
        return lastLaunch;
    }

    /**
     * AFT-8: the invitation of {@code customerId} did not reach them in time (notification-service suppressed it, it
     * failed for good, or it went out only after the campaign's end): its workshop slot is free again for the next
     * launch. The customer stays invited (a launch never invites them again). Once per invitation: false when the
     * customer was not invited or the slot was given back already.
     */
    public boolean releaseSlot(String customerId) {
        if (!invitedCustomerIds.contains(customerId) || releasedCustomerIds.contains(customerId)) {
            return false;
        }
        releasedCustomerIds.add(customerId);
        return true;
    }

    /** Slots held by invitations that may still bring the customer in (AFT-8). */
    public int slotsTaken() {
        return invitedCustomerIds.size() - releasedCustomerIds.size();
    }

    /** The campaign id and customer id of an invitation's reason key {@code campaign:<campaignId>:<customerId>}, or null. */
    public static String[] parseReasonKey(String reasonKey) {
        if (reasonKey == null || !reasonKey.startsWith("campaign:")) {
            return null;
        }
        String rest = reasonKey.substring("campaign:".length());
        int colon = rest.lastIndexOf(':');
        return colon <= 0 || colon == rest.length() - 1 ? null
                : new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
    }

    public static String reasonKey(String campaignId, String customerId) {
        return "campaign:" + campaignId + ":" + customerId;
    }

    public CampaignType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String content() {
        return content;
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public String address() {
        return address;
    }

    public AudienceRule audience() {
        return audience;
    }

    public List<WorkshopSlots> slots() {
        return List.copyOf(slots);
    }

    public List<String> invitedCustomerIds() {
        return List.copyOf(invitedCustomerIds);
    }

    public List<String> releasedCustomerIds() {
        return List.copyOf(releasedCustomerIds);
    }

    public Status status() {
        return status;
    }

    public Instant lastLaunchedAt() {
        return lastLaunchedAt;
    }

    /** What the last launch answered; null before the first (or for launches stored before it was kept). */
    public LaunchResult lastLaunch() {
        return lastLaunch;
    }

    public String createdBy() {
        return createdBy;
    }
}
