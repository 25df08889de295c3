package org.dealerplatform.aftersales.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * An after-sales campaign of one branch (AFT-4): "free testing week", "preferential service month", a knowledge
 * party, or a VIP seminar / return visit (AFT-6), with its content, dates, address and audience rule.
 *
 * <p>Launching invites each eligible customer once (reason key {@code campaign:<id>:<customerId>}), never more than the
 * workshop slots declared for the campaign dates (AFT-8), VIPs first, then first class, then the most recent visit;
 * customers who consent to no invitation channel are left out and counted (AFT-4). Launching again only invites customers who became eligible
 * since, while slots remain: a re-launch after a crash or a double click invites nobody twice.
 *
 * <p>Issue 10: the invitations are their own documents ({@link CampaignInvitation}); the campaign keeps only counters
 * and the state of its latest launch job ({@link Launch}), so its size does not grow with the audience.
 */
public class Campaign extends AggregateRoot {

    /** Draft until first launched. */
    public enum Status {
        DRAFT, LAUNCHED
    }

    /** How many released invitation ids the campaign remembers to count each release once (AFT-8). */
    static final int RECENT_RELEASES = 500;

    private final CampaignType type;
    private final String name;
    private final String content;
    private final LocalDate startDate;
    private final LocalDate endDate;
    private final String address;
    private final AudienceRule audience;
    private List<WorkshopSlots> slots;
    private int invitedTotal;
    private int slotsReleased;
    private List<String> recentReleases;
    private Status status;
    private boolean launchAnnounced;
    private Launch launch;
    private Instant lastLaunchedAt;
    private LaunchResult lastLaunch; // REL-7: what the last finished launch answered, for a retry of it
    private final String createdBy;

    public Campaign(String id, String branchId, CampaignType type, String name, String content, LocalDate startDate,
            LocalDate endDate, String address, AudienceRule audience, List<WorkshopSlots> slots, int invitedTotal,
            int slotsReleased, List<String> recentReleases, Status status, boolean launchAnnounced, Launch launch,
            Instant lastLaunchedAt, LaunchResult lastLaunch, String createdBy, long version) {
        super(id, branchId, version);
        this.type = type;
        this.name = name;
        this.content = content;
        this.startDate = startDate;
        this.endDate = endDate;
        this.address = address;
        this.audience = audience == null ? AudienceRule.anyone() : audience;
        this.slots = slots == null ? new ArrayList<>() : new ArrayList<>(slots);
        this.invitedTotal = invitedTotal;
        this.slotsReleased = slotsReleased;
        this.recentReleases = recentReleases == null ? new ArrayList<>() : new ArrayList<>(recentReleases);
        this.status = status;
        this.launchAnnounced = launchAnnounced;
        this.launch = launch;
        this.lastLaunchedAt = lastLaunchedAt;
        this.lastLaunch = lastLaunch;
        this.createdBy = createdBy;
    }

    /**
     * The latest launch job (issue 10): RUNNING until every eligible customer was decided, then DONE with its result.
     *
     * @param invitedBefore invitations of the campaign before this launch (its slots are counted from it)
     * @param total         eligible customers to decide; {@code processed} of them decided so far
     */
    public record Launch(String id, LaunchState state, LocalDate today, Instant startedAt, Instant finishedAt,
            int invitedBefore, int total, int processed, int eligible, int invitedNow, int leftOut,
            int excludedWithoutConsent) {

        public boolean running() {
            return state == LaunchState.RUNNING;
        }
    }

    /** Where a launch job stands. */
    public enum LaunchState {
        RUNNING, DONE
    }

    /** Plans a campaign; VIP activities invite VIP customers unless the rule names classes (AFT-6). */
    public static Campaign plan(String id, String branchId, CampaignType type, String name, String content,
            LocalDate startDate, LocalDate endDate, String address, AudienceRule audience, String createdBy) {
        Objects.requireNonNull(branchId, "branchId");
        if (endDate.isBefore(startDate)) {
            throw new RuleViolation("endDate", "the campaign ends before it starts");
        }
        AudienceRule rule = audience == null ? AudienceRule.anyone() : audience;
        return new Campaign(id, branchId, type, name, content, startDate, endDate, address,
                type.forVips() ? rule.vipsUnlessClassesGiven() : rule, List.of(), 0, 0, List.of(), Status.DRAFT, false,
                null, null, null, createdBy, 0);
    }

    /** The workshop declares its slots per campaign day (AFT-8); the declaration replaces the previous one. */
    public void declareSlots(List<WorkshopSlots> declared) {
        Map<LocalDate, Integer> byDate = new LinkedHashMap<>();
        for (WorkshopSlots day : declared) {
            if (day.date().isBefore(startDate) || day.date().isAfter(endDate)) {
                throw new RuleViolation("slots", day.date() + " is outside the campaign dates " + startDate
                        + " – " + endDate);
            }
            if (day.slots() < 0) {
                throw new RuleViolation("slots", "slots cannot be negative");
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
     * Starts a launch job (issue 10) unless one is running (then that one goes on: false). The first launch announces
     * the campaign's content once ({@code CampaignLaunched}); its invitations only name the campaign.
     */
    public boolean startLaunch(String launchId, LocalDate today, Instant now) {
        if (launch != null && launch.running()) {
            return false;
        }
        if (endDate.isBefore(today)) {
            throw new RuleViolation("endDate", "the campaign is over; it cannot invite anyone any more");
        }
        if (capacity() == 0) {
            throw new RuleViolation("slots", "declare the workshop slots for the campaign dates before launching");
        }
        launch = new Launch(launchId, LaunchState.RUNNING, today, now, null, invitedTotal, 0, 0, 0, 0, 0, 0);
        status = Status.LAUNCHED;
        lastLaunchedAt = now;
        if (!launchAnnounced) {
            launchAnnounced = true;
            record(new CampaignEvents.CampaignLaunched(id, branchId, type, name, content, startDate, endDate, address,
                    InvitationConsent.CHANNELS, now));
        }
        return true;
    }

    /** Slots held before the running launch: its invitations before it, less the slots given back (AFT-8). */
    public int slotsTakenBeforeLaunch() {
        return launch == null ? slotsTaken() : launch.invitedBefore() - slotsReleased;
    }

    /**
     * Progress of the running launch {@code launchId}; counts are absolute (a resumed job recounts), so saving the same
     * progress twice changes nothing. False when that launch is not running any more.
     */
    public boolean launchProgress(String launchId, int total, int processed, int eligible, int invitedNow, int leftOut,
            int excludedWithoutConsent) {
        if (launch == null || !launch.running() || !launch.id().equals(launchId)) {
            return false;
        }
        launch = new Launch(launch.id(), LaunchState.RUNNING, launch.today(), launch.startedAt(), null,
                launch.invitedBefore(), total, processed, eligible, invitedNow, leftOut, excludedWithoutConsent);
        invitedTotal = launch.invitedBefore() + invitedNow;
        return true;
    }

    /** The running launch {@code launchId} decided everyone: DONE with its result. */
    public LaunchResult finishLaunch(String launchId, Instant now) {
        if (launch == null || !launch.id().equals(launchId)) {
            return null;
        }
        if (launch.running()) {
            launch = new Launch(launch.id(), LaunchState.DONE, launch.today(), launch.startedAt(), now,
                    launch.invitedBefore(), launch.total(), launch.processed(), launch.eligible(), launch.invitedNow(),
                    launch.leftOut(), launch.excludedWithoutConsent());
            invitedTotal = launch.invitedBefore() + launch.invitedNow();
            lastLaunch = resultOf(launch);
        }
        return lastLaunch;
    }

    /** What a launch did so far (or in all, when DONE). */
    public LaunchResult resultOf(Launch of) {
        return new LaunchResult(of.eligible(), of.invitedNow(), of.invitedBefore() + of.invitedNow(), capacity(),
                of.leftOut(), of.excludedWithoutConsent());
    }

    /**
     * AFT-8: the invitation {@code invitationId} did not reach its customer in time (notification-service suppressed
     * it, it failed for good, or it went out only after the campaign's end): its workshop slot is free again for the
     * next launch. The customer stays invited. Counted once per invitation: false when this release was counted already
     * (the campaign remembers the latest {@value #RECENT_RELEASES} releases; the invitation itself keeps its state).
     */
    public boolean releaseSlot(String invitationId) {
        if (recentReleases.contains(invitationId)) {
            return false;
        }
        recentReleases.add(invitationId);
        if (recentReleases.size() > RECENT_RELEASES) {
            recentReleases.remove(0);
        }
        slotsReleased++;
        return true;
    }

    /** Slots held by invitations that may still bring the customer in (AFT-8). */
    public int slotsTaken() {
        return invitedTotal - slotsReleased;
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

    /** Invitations of the campaign so far (issue 10: the invitations themselves are {@link CampaignInvitation}s). */
    public int invitedTotal() {
        return invitedTotal;
    }

    /** Invitations that gave their slot back (AFT-8). */
    public int slotsReleased() {
        return slotsReleased;
    }

    public List<String> recentReleases() {
        return List.copyOf(recentReleases);
    }

    public Status status() {
        return status;
    }

    public boolean launchAnnounced() {
        return launchAnnounced;
    }

    /** The latest launch job, or null before the first. */
    public Launch launch() {
        return launch;
    }

    public Instant lastLaunchedAt() {
        return lastLaunchedAt;
    }

    /** What the last finished launch answered; null before the first. */
    public LaunchResult lastLaunch() {
        return lastLaunch;
    }

    public String createdBy() {
        return createdBy;
    }
}
