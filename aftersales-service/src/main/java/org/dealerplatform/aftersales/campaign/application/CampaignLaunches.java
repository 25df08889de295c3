package org.dealerplatform.aftersales.campaign.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignInvitation;
import org.dealerplatform.aftersales.campaign.Candidate;
import org.dealerplatform.aftersales.campaign.InvitationConsent;
import org.dealerplatform.aftersales.campaign.InvitationOrder;
import org.dealerplatform.aftersales.campaign.LaunchPlan;
import org.dealerplatform.aftersales.campaign.persistence.AudienceFinder;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.campaign.persistence.LaunchQueue;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Campaign launches as jobs (AFT-4, AFT-8, issue 10). Starting one is a single campaign write (its launch state, and
 * on the first launch the {@code CampaignLaunched} event with the content, once); the job then decides the eligible
 * customers in invitation order, in chunks of {@value #CHUNK}: it reads the chunk's invitations by {@code _id}, inserts
 * the new ones with one unordered bulk write (each invitation is the outbox of its own event, so invitation and event
 * are one single-document write) and saves the progress on the campaign.
 *
 * <p>Crash-safe: the job is listed in {@link LaunchQueue} before the campaign says it runs, a worker holds a lease on
 * it, and after a crash any instance resumes it from the start of the plan: an invitation's {@code _id}
 * ({@code <campaignId>:<customerId>}) cannot be inserted twice, and the ones this launch made before the crash are
 * counted again as invited now. Nobody is invited twice and the counts come out as if nothing had happened.
 */
@Service
public class CampaignLaunches {

    static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(CampaignLaunches.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final CampaignStore campaigns;
    private final InvitationStore invitations;
    private final LaunchQueue queue;
    private final AudienceFinder audience;
    private final BusinessCalendar calendar;
    private final MeterRegistry meters;
    private final ExclusiveJobs jobs;
    private final Duration answerWithin;
    private final String owner = "launcher-" + UUID.randomUUID();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    /** Campaigns submitted while this instance still worked on them: run again as soon as that run ends. */
    private final Set<String> submittedWhileWorking = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "campaign-launch");
        thread.setDaemon(true);
        return thread;
    });

    public CampaignLaunches(CampaignStore campaigns, InvitationStore invitations, LaunchQueue queue,
            AudienceFinder audience, BusinessCalendar calendar, MeterRegistry meters, ExclusiveJobs jobs,
            @Value("${aftersales.campaigns.launch-answer-within:PT2S}") Duration answerWithin) {
        this.campaigns = campaigns;
        this.invitations = invitations;
        this.queue = queue;
        this.audience = audience;
        this.calendar = calendar;
        this.meters = meters;
        this.jobs = jobs;
        this.answerWithin = answerWithin;
    }

    /**
     * Starts a launch of the campaign, or joins the one running; answers the campaign with its launch state. A rule
     * the launch breaks (campaign over, no slots) is refused here, before any job exists. A concurrent start loses with
     * {@link ConcurrentModificationException} (409) and starts nothing.
     */
    public Campaign start(Campaign campaign, IdempotencyKey key) {
        String launchId = IdempotencyKey.newId("launch-", key);
        if (campaign.startLaunch(launchId, calendar.today(), calendar.now())) {
            campaign.rememberRequest(key);
            queue.enqueue(campaign.id(), launchId); // first: a crash after it leaves an entry the runner drops
            campaigns.update(campaign);
            meters.counter("dealer.aftersales.campaign.launches").increment();
        }
        submit(campaign.id());
        return campaign;
    }

    /**
     * Waits up to {@code aftersales.campaigns.launch-answer-within} (default 2 s) for the launch to finish, so a small
     * launch is answered with its result; a large one is answered while it runs (202 with the job).
     */
    public Campaign awaitBriefly(String campaignId, String launchId) {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        while (true) {
            Campaign campaign = campaigns.findById(campaignId).orElseThrow();
            Campaign.Launch launch = campaign.launch();
            if (launch == null || !launch.id().equals(launchId) || !launch.running() || System.nanoTime() > deadline) {
                return campaign;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return campaign;
            }
        }
    }

    /** Resumes the launch jobs nobody works on (after a crash or a restart); every few seconds, and at start. */
    @Scheduled(initialDelayString = "${aftersales.campaigns.launch-resume-delay:PT1S}",
            fixedDelayString = "${aftersales.campaigns.launch-resume-interval:PT5S}")
    public void resumeAbandoned() {
        jobs.runAlone("campaign-launch-resume", this::resumeAbandonedNow); // REL-4; each job still has its own lease
    }

    void resumeAbandonedNow() {
        Instant now = calendar.now();
        for (LaunchQueue.Entry entry : queue.all()) {
            if (entry.leaseUntil().isBefore(now)) {
                submit(entry.campaignId());
            }
        }
    }

    private void submit(String campaignId) {
        if (working.contains(campaignId)) {
            // e.g. a relaunch while the previous launch's job finishes: that job runs the new launch after it
            submittedWhileWorking.add(campaignId);
            if (working.contains(campaignId)) {
                return;
            }
            submittedWhileWorking.remove(campaignId);
        }
        try {
            workers.execute(() -> {
                try {
                    run(campaignId);
                } catch (RuntimeException e) {
                    log.warn("launch job of campaign {} stopped, resumed after its lease: {}", campaignId, e.toString());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("not running the launch of {}: shutting down", campaignId);
        }
    }

    /** Runs (or resumes) the launch job of a campaign, if this instance gets its lease. */
    void run(String campaignId) {
        if (!working.add(campaignId)) {
            return;
        }
        try {
            if (!queue.lease(campaignId, owner, calendar.now(), calendar.now().plus(LEASE))) {
                return;
            }
            Campaign campaign = campaigns.findById(campaignId).orElse(null);
            if (campaign == null || campaign.launch() == null || !campaign.launch().running()) {
                LaunchQueue.Entry entry = queue.entry(campaignId).orElse(null);
                if (entry != null && startNotSavedYet(campaign, entry)) {
                    // start() lists a launch before it saves the campaign: this run came in between. Dropping the entry
                    // here left the campaign RUNNING with no job (found by the fault suite under load). The start's own
                    // submit, or the next resume, runs it; after START_GRACE a crash between the two is assumed.
                    queue.release(campaignId, owner);
                    return;
                }
                if (entry != null) {
                    queue.remove(campaignId, entry.launchId()); // stale: nothing runs
                }
                return;
            }
            Campaign.Launch launch = campaign.launch();
            List<Candidate> candidates = audience.candidates(campaign.branchId(), campaign.audience(), launch.today());
            LaunchPlan plan = LaunchPlan.of(campaign.audience(), candidates, launch.today());
            LaunchPlan.Wave wave = new LaunchPlan.Wave(launch.id(), campaign.capacity(), campaign.slotsTakenBeforeLaunch());
            List<InvitationOrder.Invitee> ordered = plan.ordered();
            Set<String> legacy = Set.copyOf(campaigns.invitedBeforeInvitationDocuments(campaignId));
            int processed = 0;
            do {
                List<InvitationOrder.Invitee> chunk = ordered.subList(processed, Math.min(ordered.size(), processed + CHUNK));
                List<String> ids = chunk.stream()
                        .map(i -> CampaignInvitation.idOf(campaignId, i.candidate().customerId())).toList();
                Map<String, String> existing = new HashMap<>(invitations.launchesOf(ids));
                for (InvitationOrder.Invitee invitee : chunk) { // invited inside the campaign document before issue 10
                    if (legacy.contains(invitee.candidate().customerId())) {
                        existing.putIfAbsent(CampaignInvitation.idOf(campaignId, invitee.candidate().customerId()),
                                "before-invitation-documents");
                    }
                }
                List<CampaignInvitation> invite = new ArrayList<>();
                Instant now = calendar.now();
                for (InvitationOrder.Invitee invitee : wave.decide(campaignId, chunk, existing)) {
                    Candidate c = invitee.candidate();
                    invite.add(CampaignInvitation.invite(campaignId, campaign.branchId(), c.customerId(), c.vin(),
                            channelsOf(c), launch.id(), now));
                }
                AggregateStore.BulkResult written = invitations.insertAll(invite);
                written.duplicates().forEach(refused -> wave.notInvited());
                processed += chunk.size();
                meters.counter("dealer.aftersales.campaign.invitations").increment(written.inserted().size());
                if (!progress(campaignId, launch.id(), plan, processed, wave)) {
                    return; // the launch is no longer the running one
                }
                queue.lease(campaignId, owner, calendar.now(), calendar.now().plus(LEASE));
            } while (processed < ordered.size());
            finish(campaignId, launch.id());
            queue.remove(campaignId, launch.id());
        } finally {
            working.remove(campaignId);
            if (submittedWhileWorking.remove(campaignId)) {
                submit(campaignId);
            }
        }
    }

    /** How long a listed launch may wait for its campaign to say it runs before it is taken for a crashed start. */
    static final Duration START_GRACE = Duration.ofMinutes(1);

    /** The entry names a launch the campaign does not know yet, listed less than {@link #START_GRACE} ago. */
    private boolean startNotSavedYet(Campaign campaign, LaunchQueue.Entry entry) {
        boolean known = campaign != null && campaign.launch() != null && campaign.launch().id().equals(entry.launchId());
        return campaign != null && !known && entry.enqueuedAt().isAfter(calendar.now().minus(START_GRACE));
    }

    private boolean progress(String campaignId, String launchId, LaunchPlan plan, int processed, LaunchPlan.Wave wave) {
        for (int attempt = 1; ; attempt++) {
            Campaign campaign = campaigns.findById(campaignId).orElseThrow();
            if (!campaign.launchProgress(launchId, plan.eligible(), processed, plan.eligible(), wave.invitedNow(),
                    wave.leftOut(), plan.excludedWithoutConsent())) {
                return false;
            }
            try {
                campaigns.update(campaign);
                return true;
            } catch (ConcurrentModificationException e) {
                if (attempt == 10) {
                    throw e; // the lease expires and the job is resumed
                }
            }
        }
    }

    private void finish(String campaignId, String launchId) {
        for (int attempt = 1; ; attempt++) {
            Campaign campaign = campaigns.findById(campaignId).orElseThrow();
            if (campaign.launch() == null || !campaign.launch().id().equals(launchId) || !campaign.launch().running()) {
                return;
            }
            campaign.finishLaunch(launchId, calendar.now());
            try {
                campaigns.update(campaign);
                return;
            } catch (ConcurrentModificationException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The invitation channels the customer consents to, or null when the replica knows none (AFT-4). */
    static List<String> channelsOf(Candidate candidate) {
        if (candidate.consents() == null || candidate.consents().isEmpty()) {
            return null;
        }
        return InvitationConsent.CHANNELS.stream().filter(ch -> Boolean.TRUE.equals(candidate.consents().get(ch))).toList();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
