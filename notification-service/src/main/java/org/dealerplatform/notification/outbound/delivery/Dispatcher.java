package org.dealerplatform.notification.outbound.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.platform.events.EventTracing;
import org.springframework.beans.factory.annotation.Autowired;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.campaign.CampaignReplica;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.ContactProfile;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.Decision;
import org.dealerplatform.notification.outbound.DeliveryPolicy;
import org.dealerplatform.notification.outbound.MessageTemplates;
import org.dealerplatform.notification.outbound.Delivery;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.notification.outbound.RetrySchedule;
import org.dealerplatform.notification.outbound.persistence.CustomerLocks;
import org.dealerplatform.notification.outbound.persistence.DispatchQueue;
import org.dealerplatform.notification.outbound.persistence.DispatchQueueBackfill;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.outbound.persistence.RecentSends;
import org.dealerplatform.security.masking.Masked;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Works the persistent dispatch queue (NOT-5, {@link DispatchQueue}: unsent work only): worker threads claim due
 * entries one at a time with a compare-and-set (safe with several instances), ask the {@link DeliveryPolicy} (NOT-3), render the message (NOT-2) and hand it
 * to the channel; failures are retried with back-off, then failed over to another channel. A crash mid-send leaves
 * only a claim, which expires after the lease so another worker picks the notification up.
 */
@Component
public class Dispatcher implements SmartLifecycle, DisposableBean {

    /** How long an invitation whose campaign is not known yet waits before it looks again (issue 10). */
    static final Duration CAMPAIGN_WAIT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationStore notifications;
    private final DispatchQueue queue;
    private final RecentSends recentSends;
    private final DispatchQueueBackfill backfill;
    private final ContactBook contacts;
    private final CampaignReplica campaigns;
    private final DeliveryPolicy policy;
    private final MessageTemplates templates;
    private final SmsProviders sms;
    private final EmailSender email;
    private final NotificationProperties properties;
    private final RetrySchedule retry;
    private final Clock clock;
    private final MeterRegistry meters;
    private static final long BUSY_CUSTOMER_RETRY_MILLIS = 100;
    private static final long ORPHAN_RECHECK_MILLIS = 1000;
    private static final int CANDIDATES_PER_PAGE = 200;

    private final CustomerLocks locks;
    private final String instanceId = UUID.randomUUID().toString();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers;
    private EventTracing tracing = EventTracing.NONE;

    public Dispatcher(NotificationStore notifications, DispatchQueue queue, RecentSends recentSends,
            DispatchQueueBackfill backfill, ContactBook contacts, DeliveryPolicy policy,
            MessageTemplates templates, SmsProviders sms, EmailSender email, NotificationProperties properties,
            Clock clock, MeterRegistry meters, CustomerLocks locks, CampaignReplica campaigns) {
        this.locks = locks;
        this.campaigns = campaigns;
        this.notifications = notifications;
        this.queue = queue;
        this.recentSends = recentSends;
        this.backfill = backfill;
        if (policy.settings().capMax() > RecentSends.KEPT) {
            throw new IllegalStateException("dealer.notifications.policy.cap-max must be at most " + RecentSends.KEPT);
        }
        this.contacts = contacts;
        this.policy = policy;
        this.templates = templates;
        this.sms = sms;
        this.email = email;
        this.properties = properties;
        this.retry = properties.retry().schedule();
        this.clock = clock;
        this.meters = meters;
    }

    /** OBS-1: each dispatch runs in a span continuing the trace the notification was requested in. */
    @Autowired(required = false)
    public void setTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    /** Something became due now (a new notification): wake the workers instead of waiting for the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() < properties.dispatcher().workers()) {
            wakeUp.release();
        }
    }

    @Override
    public void start() {
        if (!properties.dispatcher().enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            backfill.runOnce(clock.instant(), policy.settings().capWindow());
        } catch (RuntimeException e) {
            log.warn("dispatch queue fill failed, tried again at the next start: {}", e.toString());
        }
        int count = Math.max(1, properties.dispatcher().workers());
        workers = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "notification-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < count; i++) {
            workers.submit(this::work);
        }
    }

    private void work() {
        long pollMillis = properties.dispatcher().poll().toMillis();
        while (running.get()) {
            try {
                drain();
                wakeUp.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("dispatcher pass failed, retrying at the next poll: {}", e.toString());
            }
        }
    }

    /**
     * Processes due notifications until none is due; returns how many were processed. Candidates come from the
     * {@link DispatchQueue} (unsent work only) in pages, one query per page; each is claimed by its own compare-and-set
     * on the queue entry; workers shuffle their page so they rarely race for the same one.
     */
    public int drain() {
        int processed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<DispatchQueue.Entry> candidates = new ArrayList<>(queue.dueCandidates(clock.instant(), CANDIDATES_PER_PAGE));
            if (candidates.isEmpty()) {
                return processed;
            }
            Collections.shuffle(candidates);
            for (DispatchQueue.Entry entry : candidates) {
                Instant claimAt = clock.instant();
                if (queue.claim(entry, claimAt.plus(properties.dispatcher().claimLease()))) {
                    // OBS-1: the send, its provider call and the NotificationSent event continue the request's trace
                    try (EventTracing.Traced span = tracing.continuing(entry.traceparent(), "notification dispatch")
                            .tag("dealer.notification.id", entry.id())) {
                        if (dispatch(entry, claimAt)) {
                            processed++;
                        }
                    }
                }
            }
        }
        return processed;
    }

    /**
     * One claimed queue entry: the notification document decides. Returns whether it was processed.
     * <ul>
     * <li>missing: the request crashed (or is still) between writing the entry and inserting the notification. Within
     * a grace period (the lease) it is looked at again shortly; after it, the entry is removed;</li>
     * <li>no longer QUEUED: a crash came between saving the final state and removing the entry, or a redelivered
     * request put it back. Removed, after noting a send the frequency cap may not have seen;</li>
     * <li>QUEUED but not due: a crash came between saving a deferral and rescheduling the entry. Rescheduled.</li>
     * </ul>
     */
    boolean dispatch(DispatchQueue.Entry entry, Instant now) {
        Notification notification = notifications.findById(entry.id()).orElse(null);
        if (notification == null) {
            if (entry.enqueuedAt().plus(properties.dispatcher().claimLease()).isBefore(now)) {
                queue.remove(entry.id());
            } else {
                queue.reschedule(entry.id(), now.plusMillis(ORPHAN_RECHECK_MILLIS));
            }
            return false;
        }
        if (notification.status() != NotificationStatus.QUEUED) {
            if (notification.sentAt() != null) {
                recentSends.record(notification.customerId(), notification.id(), notification.sentAt());
            }
            queue.remove(entry.id());
            return false;
        }
        if (notification.nextAttemptAt() != null && notification.nextAttemptAt().isAfter(now)) {
            queue.reschedule(entry.id(), notification.nextAttemptAt());
            return false;
        }
        process(notification);
        return true;
    }

    private void process(Notification notification) {
        Instant start = clock.instant();
        String owner = instanceId + "/" + Thread.currentThread().getId();
        if (!locks.tryLock(notification.customerId(), owner, start, start.plus(properties.dispatcher().claimLease()))) {
            // another worker is dispatching to this customer right now: the frequency cap must see its result first
            notification.defer(start.plusMillis(BUSY_CUSTOMER_RETRY_MILLIS), "another message to this customer is being sent");
            try {
                save(notification);
            } catch (ConcurrentModificationException e) {
                log.debug("notification {} changed meanwhile", notification.id());
                queue.reschedule(notification.id(), clock.instant());
            }
            return;
        }
        try {
            deliver(notification, clock.instant());
            save(notification);
        } catch (ConcurrentModificationException e) {
            // someone else (a receipt, another instance after our lease expired) changed it: theirs wins; the entry is
            // looked at again at once and removed if the notification is no longer queued
            log.info("notification {} changed while dispatching: {}", notification.id(), Masked.text(e.getMessage()));
            queue.reschedule(notification.id(), clock.instant());
        } catch (RuntimeException e) {
            // the claim on the queue entry expires after the lease and the notification is tried again: never lost
            // OBS-2: a provider's error may quote the recipient's number or address
            log.warn("dispatching notification {} failed: {}", notification.id(), Masked.text(e.toString()));
        } finally {
            locks.unlock(notification.customerId(), owner);
        }
    }

    /**
     * Saves the outcome, then brings the queue entry in line. Order matters: the notification (the truth) first. A
     * crash before the second write leaves the entry claimed; when the lease expires it is claimed again and
     * {@link #dispatch} finds the saved state (final: removed; deferred: rescheduled). The send is noted for the
     * frequency cap in between; a crash that skips it is repaired by the same path.
     */
    private void save(Notification notification) {
        notifications.update(notification);
        if (notification.status() == NotificationStatus.QUEUED) {
            queue.reschedule(notification.id(), notification.nextAttemptAt());
            return;
        }
        if (notification.sentAt() != null) {
            recentSends.record(notification.customerId(), notification.id(), notification.sentAt());
        }
        queue.remove(notification.id());
    }

    /** One dispatch decision and attempt for a claimed notification (NOT-3, NOT-5). */
    void deliver(Notification notification, Instant now) {
        Map<String, String> facts = factsOf(notification);
        if (facts == null) {
            // issue 10: a v2 invitation names its campaign; until CampaignLaunched arrived it waits, queued (never lost)
            notification.defer(now.plus(CAMPAIGN_WAIT), "campaign " + notification.facts().get("campaignId")
                    + " not yet known");
            meters.counter("dealer.notifications.deferred").increment();
            return;
        }
        ContactProfile contact = contacts.find(notification.customerId()).orElse(null);
        String owner = contacts.currentOwnerOf(notification.facts().get("vin")).orElse(null);
        Decision decision = policy.decide(notification, contact, recentSends(notification, contact, now), owner, now);
        if (decision instanceof Decision.Defer defer) {
            notification.defer(defer.until(), defer.reason());
            meters.counter("dealer.notifications.deferred").increment();
        } else if (decision instanceof Decision.Suppress suppress) {
            notification.suppress(suppress.reason(), now);
            meters.counter("dealer.notifications.suppressed").increment();
        } else if (decision instanceof Decision.Fail fail) {
            notification.fail(fail.reason(), now);
            meters.counter("dealer.notifications.failed").increment();
        } else if (decision instanceof Decision.Send send) {
            send(notification, contact, send.channel(), facts, now);
        }
    }

    /**
     * The facts to render with: the notification's own, and for a campaign invitation that only names its campaign
     * (CampaignInvitationRequested.v2) the campaign's from the replica; null while that campaign is not known.
     */
    private Map<String, String> factsOf(Notification notification) {
        Map<String, String> facts = notification.facts();
        if (notification.purpose() != Purpose.CAMPAIGN_INVITATION || facts.containsKey("content")
                || facts.get("campaignId") == null) {
            return facts;
        }
        return campaigns.find(facts.get("campaignId")).map(campaign -> {
            Map<String, String> merged = new LinkedHashMap<>(campaign.asFacts());
            merged.putAll(facts);
            return (Map<String, String>) merged;
        }).orElse(null);
    }

    private List<Instant> recentSends(Notification notification, ContactProfile contact, Instant now) {
        if (contact == null) {
            return List.of();
        }
        Instant since = now.minus(policy.settings().capWindow());
        List<Instant> sends = new ArrayList<>(recentSends.since(notification.customerId(), since));
        if (!contact.customerId().equals(notification.customerId())) {
            sends.addAll(recentSends.since(contact.customerId(), since));
        }
        return sends;
    }

    private void send(Notification notification, ContactProfile contact, Channel channel, Map<String, String> facts,
            Instant now) {
        MessageTemplates.Message message = templates.render(notification.purpose(), channel, contact.language(),
                contact.name(), properties.branch(notification.branchId()), facts);
        String to = contact.addressFor(channel);
        switch (channel) {
            case SMS -> {
                try {
                    SmsMessage outgoing = new SmsMessage(to, message.body(), notification.purpose(),
                            contact.language(), templates.smsVariables(notification.purpose(), contact.language(),
                                    contact.name(), properties.branch(notification.branchId()), facts));
                    SmsProviders.Accepted accepted = sms.send(outgoing, notification.id(), notification.provider());
                    notification.markSent(Delivery.byProvider(channel, contact.language(), to, null, message.body(),
                            accepted.provider(), accepted.messageId()), now);
                } catch (SmsSendFailure failure) {
                    switch (failure.kind()) {
                        case UNAVAILABLE -> notification.defer(now.plus(properties.retry().unavailable()), failure.getMessage());
                        case REJECTED -> notification.failOver(channel, failure.getMessage(), now);
                        case TRANSIENT -> {
                            if (failure.unansweredBy() != null && !retry.exhausted(notification.attempts() + 1)) {
                                notification.retryLater(channel, failure.getMessage(),
                                        retry.nextAttempt(notification.attempts() + 1, now), failure.unansweredBy());
                            } else {
                                retryOrFailOver(notification, channel, failure.getMessage(), now);
                            }
                        }
                    }
                }
            }
            case EMAIL -> {
                try {
                    email.send(to, message.subject(), message.body());
                    notification.markSent(Delivery.byProvider(channel, contact.language(), to, message.subject(),
                            message.body(), "smtp", null), now);
                } catch (MailException e) {
                    retryOrFailOver(notification, channel, "SMTP: " + e.getMessage(), now);
                }
            }
            // letters are printed in the branch's daily batch; calls appear on the staff call list
            case LETTER -> notification.markSent(Delivery.byStaff(channel, contact.language(),
                    contact.name() + "\n" + to, message.body(), "letter-batch"), now);
            case PHONE -> notification.markSent(Delivery.byStaff(channel, contact.language(), to, message.body(),
                    "call-list"), now);
        }
        if (notification.status() == NotificationStatus.SENT) {
            meters.counter("dealer.notifications.sent", "channel", channel.name()).increment();
        }
    }

    private void retryOrFailOver(Notification notification, Channel channel, String why, Instant now) {
        if (retry.exhausted(notification.attempts() + 1)) {
            notification.failOver(channel, why, now);
        } else {
            notification.retryLater(channel, why, retry.nextAttempt(notification.attempts() + 1, now));
        }
    }

    @Override
    public void stop() {
        running.set(false);
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void destroy() {
        stop();
    }
}
