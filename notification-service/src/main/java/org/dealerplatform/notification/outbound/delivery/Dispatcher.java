package org.dealerplatform.notification.outbound.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
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
import org.dealerplatform.platform.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Works the persistent dispatch queue (NOT-5, {@link DispatchQueue}: unsent work only): worker threads claim due
 * entries a page at a time with one bulk compare-and-set (safe with several instances), ask the {@link DeliveryPolicy}
 * (NOT-3), render the message (NOT-2) and hand it to the channel; failures are retried with back-off, then failed over
 * to another channel. A crash mid-page leaves only claims, which expire after the lease so another worker picks the
 * notifications up; a provider that already took one of them recognises it by its {@code Idempotency-Key} (the
 * notification id) and does not send it again. See {@link #dispatchPage} for the round trips of a page.
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
    private final AtomicLong pages = new AtomicLong();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers;
    /** Sends to the providers, shared by all workers: at most {@code send-concurrency} at once. */
    private final ExecutorService senders;
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
        this.senders = Executors.newFixedThreadPool(properties.dispatcher().concurrentSends(), runnable -> {
            Thread thread = new Thread(runnable, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
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
     * Processes due notifications until none is due; returns how many were processed. Works page by page
     * ({@link #dispatchPage}): the candidates of a page come from the {@link DispatchQueue} (unsent work only) in one
     * query and are claimed in one bulk write, so several workers and instances share the queue safely.
     */
    public int drain() {
        int processed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<DispatchQueue.Entry> candidates = queue.dueCandidates(clock.instant(), CANDIDATES_PER_PAGE);
            if (candidates.isEmpty()) {
                return processed;
            }
            processed += dispatchPage(candidates);
        }
        return processed;
    }

    /**
     * One page of due candidates (issue 10: the MongoDB round trips are per page, not per notification):
     * <ol>
     * <li>claim the page (one bulk compare-and-set) and load the claimed notifications (one {@code _id $in} read);</li>
     * <li>entries whose notification is missing, no longer QUEUED or not due yet are settled as {@link #settle}
     * describes; the rest are dispatched;</li>
     * <li>lease their customers (one bulk write, {@link CustomerLocks}): a customer leased by another worker waits
     * {@value #BUSY_CUSTOMER_RETRY_MILLIS} ms, as the frequency cap must see that worker's sends first;</li>
     * <li>read contacts, vehicle owners and recent sends with one {@code _id $in} query per kind; campaigns once per
     * campaign;</li>
     * <li>decide and send: a customer's notifications one after the other, counting the page's own sends against the
     * customer's frequency cap; different customers in parallel, at most {@code send-concurrency} sends at once across
     * all workers; the provider is asked with the notification id as {@code Idempotency-Key}, so a page that crashed
     * after sending and is claimed again after the lease cannot make a provider send twice;</li>
     * <li>save the outcomes (one unordered bulk compare-and-set with their events), note the sends for the cap (one bulk
     * write), settle the queue entries (one bulk write) and release the customers (one bulk write), in this order: the
     * notification is the truth, so a crash in between is repaired when the entry is claimed again.</li>
     * </ol>
     * The page stops sending when half the lease is used up (a slow provider) and hands the rest back to the queue
     * untouched, so no claim or customer lease expires while this worker still works on it.
     */
    int dispatchPage(List<DispatchQueue.Entry> candidates) {
        Instant claimAt = clock.instant();
        Duration lease = properties.dispatcher().claimLease();
        Instant leaseUntil = claimAt.plus(lease);
        List<DispatchQueue.Entry> claimed = queue.claimAll(candidates, leaseUntil);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, Notification> loaded = new HashMap<>();
        for (Notification notification : notifications.findAllById(claimed.stream().map(DispatchQueue.Entry::id).toList())) {
            loaded.put(notification.id(), notification);
        }
        Page page = new Page();
        List<Notification> due = new ArrayList<>();
        Map<String, String> traceparents = new ConcurrentHashMap<>();
        for (DispatchQueue.Entry entry : claimed) {
            Notification notification = loaded.get(entry.id());
            if (settle(entry, notification, claimAt, page)) {
                due.add(notification);
                if (entry.traceparent() != null) {
                    traceparents.put(notification.id(), entry.traceparent());
                }
            }
        }
        String owner = instanceId + "/" + Thread.currentThread().getId() + "/" + pages.incrementAndGet();
        Set<String> leased = due.isEmpty() ? Set.of() : locks.tryLockAll(
                due.stream().map(Notification::customerId).toList(), owner, claimAt, leaseUntil);
        int processed = 0;
        try {
            List<Notification> ready = new ArrayList<>();
            for (Notification notification : due) {
                if (leased.contains(notification.customerId())) {
                    ready.add(notification);
                } else {
                    // another worker is dispatching to this customer right now: the frequency cap must see its result first
                    notification.defer(claimAt.plusMillis(BUSY_CUSTOMER_RETRY_MILLIS),
                            "another message to this customer is being sent");
                    page.save.add(notification);
                }
            }
            Lookups lookups = lookUp(ready);
            Instant stopSendingAt = claimAt.plus(lease.dividedBy(2));
            // a customer's notifications one after the other (the cap counts the page's own sends); customers in parallel
            Map<String, List<Notification>> byCustomer = new LinkedHashMap<>();
            for (Notification notification : ready) {
                byCustomer.computeIfAbsent(notification.customerId(), c -> new ArrayList<>()).add(notification);
            }
            Map<String, Instant> handedBack = new ConcurrentHashMap<>();
            List<List<Notification>> done = new ArrayList<>();
            if (byCustomer.size() <= 1 || properties.dispatcher().concurrentSends() == 1) {
                for (List<Notification> group : byCustomer.values()) {
                    done.add(sendInOrder(group, lookups, stopSendingAt, traceparents, handedBack));
                }
            } else {
                List<Future<List<Notification>>> sending = new ArrayList<>();
                for (List<Notification> group : byCustomer.values()) {
                    sending.add(senders.submit(() -> sendInOrder(group, lookups, stopSendingAt, traceparents, handedBack)));
                }
                for (Future<List<Notification>> group : sending) {
                    done.add(awaitGroup(group));
                }
            }
            for (List<Notification> group : done) {
                page.save.addAll(group);
                processed += group.size();
            }
            page.reschedule.putAll(handedBack);
            save(page, lookups.sends, traceparents);
        } finally {
            locks.unlockAll(leased, owner);
        }
        return processed;
    }

    /**
     * Decides and sends one customer's notifications of a page in order; returns those to save. Past
     * {@code stopSendingAt} the rest are handed back untouched (rescheduled for now).
     */
    private List<Notification> sendInOrder(List<Notification> group, Lookups lookups, Instant stopSendingAt,
            Map<String, String> traceparents, Map<String, Instant> handedBack) {
        List<Notification> done = new ArrayList<>(group.size());
        for (Notification notification : group) {
            Instant now = clock.instant();
            if (now.isAfter(stopSendingAt)) {
                handedBack.put(notification.id(), now); // untouched: a later page takes it
                continue;
            }
            // OBS-1: the send, its provider call and the NotificationSent event continue the request's trace
            try (EventTracing.Traced span = tracing.continuing(traceparents.get(notification.id()), "notification dispatch")
                    .tag("dealer.notification.id", notification.id())) {
                String current = tracing.currentTraceparent();
                if (current != null) {
                    traceparents.put(notification.id(), current);
                }
                deliver(notification, lookups, now);
                done.add(notification);
            } catch (RuntimeException e) {
                // the claim on the queue entry expires after the lease and the notification is tried again: never lost
                // OBS-2: a provider's error may quote the recipient's number or address
                log.warn("dispatching notification {} failed: {}", notification.id(), Masked.text(e.toString()));
            }
        }
        return done;
    }

    private static List<Notification> awaitGroup(Future<List<Notification>> group) {
        try {
            return group.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the page was sending", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether a claimed queue entry is to be dispatched now; otherwise notes in {@code page} how the entry is settled:
     * <ul>
     * <li>notification missing: the request crashed (or is still) between writing the entry and inserting the
     * notification. Within a grace period (the lease) it is looked at again shortly; after it, the entry is removed;</li>
     * <li>no longer QUEUED: a crash came between saving the final state and removing the entry, or a redelivered
     * request put it back. Removed, after noting a send the frequency cap may not have seen;</li>
     * <li>QUEUED but not due: a crash came between saving a deferral and rescheduling the entry. Rescheduled.</li>
     * </ul>
     */
    private boolean settle(DispatchQueue.Entry entry, Notification notification, Instant now, Page page) {
        if (notification == null) {
            if (entry.enqueuedAt().plus(properties.dispatcher().claimLease()).isBefore(now)) {
                page.remove.add(entry.id());
            } else {
                page.reschedule.put(entry.id(), now.plusMillis(ORPHAN_RECHECK_MILLIS));
            }
            return false;
        }
        if (notification.status() != NotificationStatus.QUEUED) {
            if (notification.sentAt() != null) {
                page.sent.add(new RecentSends.Send(notification.customerId(), notification.id(), notification.sentAt()));
            }
            page.remove.add(entry.id());
            return false;
        }
        if (notification.nextAttemptAt() != null && notification.nextAttemptAt().isAfter(now)) {
            page.reschedule.put(entry.id(), notification.nextAttemptAt());
            return false;
        }
        return true;
    }

    /**
     * Saves a page's outcomes, then brings the queue entries in line. Order matters: the notifications (the truth)
     * first, in one bulk compare-and-set; a notification someone else changed meanwhile (a receipt, an erasure, another
     * instance after our lease expired) is not saved: theirs wins, and its entry is looked at again at once. Then the
     * sends are noted for the frequency cap, then the entries are rescheduled or removed. A crash before the last
     * write leaves entries claimed; when the lease expires they are claimed again and {@link #settle} finds the saved
     * state (final: noted and removed; deferred: rescheduled).
     */
    private void save(Page page, Map<String, RecentSends.Ledger> ledgers, Map<String, String> traceparents) {
        Instant now = clock.instant();
        AggregateStore.BulkUpdate result = notifications.updateAll(page.save,
                notification -> tracing.continuing(traceparents.get(notification.id()), "notification saved"));
        Set<String> conflicted = new HashSet<>(result.conflicted());
        for (Notification notification : page.save) {
            if (conflicted.contains(notification.id())) {
                log.info("notification {} changed while dispatching: saved by someone else first", notification.id());
                page.reschedule.put(notification.id(), now);
            } else if (notification.status() == NotificationStatus.QUEUED) {
                page.reschedule.put(notification.id(), notification.nextAttemptAt());
            } else {
                if (notification.sentAt() != null) {
                    page.sent.add(new RecentSends.Send(notification.customerId(), notification.id(), notification.sentAt()));
                }
                page.remove.add(notification.id());
            }
        }
        if (!page.sent.isEmpty()) {
            recentSends.recordAll(page.sent, ledgers);
        }
        queue.settle(page.reschedule, page.remove);
    }

    /** What one page writes back: notifications to save, sends to note, queue entries to reschedule or remove. */
    private static final class Page {
        final List<Notification> save = new ArrayList<>();
        final List<RecentSends.Send> sent = new ArrayList<>();
        final Map<String, Instant> reschedule = new LinkedHashMap<>();
        final List<String> remove = new ArrayList<>();
    }

    /**
     * What the policy needs for a page of notifications, read with one query per kind: contact profiles (after
     * merges), current vehicle owners, the customers' recent sends (to which the page adds its own sends as it goes),
     * and the campaigns of v2 invitations.
     */
    private final class Lookups {
        final Map<String, ContactProfile> contacts;
        final Map<String, String> owners;
        final Map<String, RecentSends.Ledger> sends;
        // written by the page's sending threads, one customer each (read across customers only after a merge)
        final Map<String, Queue<Instant>> sentInPage = new ConcurrentHashMap<>();
        final Map<String, Optional<CampaignReplica.CampaignFacts>> campaigns = new ConcurrentHashMap<>();

        Lookups(Map<String, ContactProfile> contacts, Map<String, String> owners, Map<String, RecentSends.Ledger> sends) {
            this.contacts = contacts;
            this.owners = owners;
            this.sends = sends;
        }

        Optional<CampaignReplica.CampaignFacts> campaign(String campaignId) {
            return this.campaigns.computeIfAbsent(campaignId, Dispatcher.this.campaigns::find);
        }

        List<Instant> recentSends(String customerId, Instant since) {
            List<Instant> found = new ArrayList<>();
            RecentSends.Ledger ledger = sends.get(customerId);
            if (ledger != null) {
                found.addAll(ledger.since(since));
            }
            for (Instant at : sentInPage.getOrDefault(customerId, new ConcurrentLinkedQueue<>())) {
                if (at.isAfter(since)) {
                    found.add(at);
                }
            }
            return found;
        }
    }

    private Lookups lookUp(List<Notification> ready) {
        if (ready.isEmpty()) {
            return new Lookups(Map.of(), Map.of(), Map.of());
        }
        Set<String> customerIds = new HashSet<>();
        Set<String> vins = new HashSet<>();
        for (Notification notification : ready) {
            customerIds.add(notification.customerId());
            if (notification.facts().get("vin") != null) {
                vins.add(notification.facts().get("vin"));
            }
        }
        Map<String, ContactProfile> contacts = this.contacts.findAll(customerIds);
        Set<String> capped = new HashSet<>(customerIds);
        contacts.values().forEach(contact -> capped.add(contact.customerId()));
        return new Lookups(contacts, this.contacts.currentOwnersOf(vins), recentSends.ledgers(capped));
    }

    /** One dispatch decision and attempt for a claimed notification (NOT-3, NOT-5), looking its facts up one by one. */
    void deliver(Notification notification, Instant now) {
        String vin = notification.facts().get("vin");
        Map<String, ContactProfile> contact = new HashMap<>();
        contacts.find(notification.customerId()).ifPresent(found -> contact.put(notification.customerId(), found));
        Map<String, String> owner = new HashMap<>();
        contacts.currentOwnerOf(vin).ifPresent(found -> owner.put(vin, found));
        Set<String> capped = new HashSet<>(Set.of(notification.customerId()));
        contact.values().forEach(found -> capped.add(found.customerId()));
        Map<String, RecentSends.Ledger> sends = new HashMap<>();
        Instant since = now.minus(policy.settings().capWindow());
        for (String customerId : capped) {
            List<Document> times = recentSends.since(customerId, since).stream()
                    .map(at -> new Document("id", "").append("at", Date.from(at))).toList();
            sends.put(customerId, new RecentSends.Ledger(customerId, times, null));
        }
        deliver(notification, new Lookups(contact, owner, sends), now);
    }

    /** One dispatch decision and attempt for a claimed notification (NOT-3, NOT-5), with the page's lookups. */
    private void deliver(Notification notification, Lookups lookups, Instant now) {
        Map<String, String> facts = factsOf(notification, lookups);
        if (facts == null) {
            // issue 10: a v2 invitation names its campaign; until CampaignLaunched arrived it waits, queued (never lost)
            notification.defer(now.plus(CAMPAIGN_WAIT), "campaign " + notification.facts().get("campaignId")
                    + " not yet known");
            meters.counter("dealer.notifications.deferred").increment();
            return;
        }
        ContactProfile contact = lookups.contacts.get(notification.customerId());
        String vin = notification.facts().get("vin");
        String owner = vin == null ? null : lookups.owners.get(vin);
        Decision decision = policy.decide(notification, contact, recentSends(notification, contact, lookups, now), owner, now);
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
            if (notification.sentAt() != null) {
                // the frequency cap of this customer's next notification in the same page counts this send
                lookups.sentInPage.computeIfAbsent(notification.customerId(), c -> new ConcurrentLinkedQueue<>())
                        .add(notification.sentAt());
            }
        }
    }

    /**
     * The facts to render with: the notification's own, and for a campaign invitation that only names its campaign
     * (CampaignInvitationRequested.v2) the campaign's from the replica; null while that campaign is not known.
     */
    private Map<String, String> factsOf(Notification notification, Lookups lookups) {
        Map<String, String> facts = notification.facts();
        if (notification.purpose() != Purpose.CAMPAIGN_INVITATION || facts.containsKey("content")
                || facts.get("campaignId") == null) {
            return facts;
        }
        return lookups.campaign(facts.get("campaignId")).map(campaign -> {
            Map<String, String> merged = new LinkedHashMap<>(campaign.asFacts());
            merged.putAll(facts);
            return (Map<String, String>) merged;
        }).orElse(null);
    }

    private List<Instant> recentSends(Notification notification, ContactProfile contact, Lookups lookups, Instant now) {
        if (contact == null) {
            return List.of();
        }
        Instant since = now.minus(policy.settings().capWindow());
        List<Instant> sends = new ArrayList<>(lookups.recentSends(notification.customerId(), since));
        if (!contact.customerId().equals(notification.customerId())) {
            sends.addAll(lookups.recentSends(contact.customerId(), since));
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
        senders.shutdownNow();
    }
}
