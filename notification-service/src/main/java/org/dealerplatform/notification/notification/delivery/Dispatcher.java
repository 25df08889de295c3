package org.dealerplatform.notification.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.ContactProfile;
import org.dealerplatform.notification.notification.Channel;
import org.dealerplatform.notification.notification.Decision;
import org.dealerplatform.notification.notification.DeliveryPolicy;
import org.dealerplatform.notification.notification.MessageTemplates;
import org.dealerplatform.notification.notification.Notification;
import org.dealerplatform.notification.notification.NotificationStatus;
import org.dealerplatform.notification.notification.RetrySchedule;
import org.dealerplatform.notification.notification.persistence.CustomerLocks;
import org.dealerplatform.notification.notification.persistence.NotificationStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Works the persistent dispatch queue (NOT-5): worker threads claim due notifications one at a time with a conditional
 * update (safe with several instances), ask the {@link DeliveryPolicy} (NOT-3), render the message (NOT-2) and hand it
 * to the channel; failures are retried with back-off, then failed over to another channel. A crash mid-send leaves
 * only a claim, which expires after the lease so another worker picks the notification up.
 */
@Component
public class Dispatcher implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationStore notifications;
    private final ContactBook contacts;
    private final DeliveryPolicy policy;
    private final MessageTemplates templates;
    private final SmsProviders sms;
    private final EmailSender email;
    private final NotificationProperties properties;
    private final RetrySchedule retry;
    private final Clock clock;
    private final MeterRegistry meters;
    private static final long BUSY_CUSTOMER_RETRY_MILLIS = 100;
    private static final int CANDIDATES_PER_PAGE = 50;

    private final CustomerLocks locks;
    private final String instanceId = UUID.randomUUID().toString();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers;

    public Dispatcher(NotificationStore notifications, ContactBook contacts, DeliveryPolicy policy,
            MessageTemplates templates, SmsProviders sms, EmailSender email, NotificationProperties properties,
            Clock clock, MeterRegistry meters, CustomerLocks locks) {
        this.locks = locks;
        this.notifications = notifications;
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
     * Processes due notifications until none is due; returns how many were processed. Candidates are fetched in pages
     * (one sorted query per page) and each is claimed by its own conditional update; workers shuffle their page so
     * they rarely race for the same one.
     */
    public int drain() {
        int processed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            List<String> candidates = new ArrayList<>(notifications.dueCandidates(now, CANDIDATES_PER_PAGE));
            if (candidates.isEmpty()) {
                return processed;
            }
            Collections.shuffle(candidates);
            for (String id : candidates) {
                Instant claimAt = clock.instant();
                Optional<Notification> claimed = notifications.claim(id, claimAt,
                        claimAt.plus(properties.dispatcher().claimLease()));
                if (claimed.isPresent()) {
                    process(claimed.get());
                    processed++;
                }
            }
        }
        return processed;
    }

    private void process(Notification notification) {
        Instant start = clock.instant();
        String owner = instanceId + "/" + Thread.currentThread().getId();
        if (!locks.tryLock(notification.customerId(), owner, start, start.plus(properties.dispatcher().claimLease()))) {
            // another worker is dispatching to this customer right now: the frequency cap must see its result first
            notification.defer(start.plusMillis(BUSY_CUSTOMER_RETRY_MILLIS), "another message to this customer is being sent");
            try {
                notifications.update(notification);
            } catch (ConcurrentModificationException e) {
                log.debug("notification {} changed meanwhile", notification.id());
            }
            return;
        }
        try {
            deliver(notification, clock.instant());
            notifications.update(notification);
        } catch (ConcurrentModificationException e) {
            // someone else (a receipt, another instance after our lease expired) changed it: theirs wins
            log.info("notification {} changed while dispatching: {}", notification.id(), e.getMessage());
        } catch (RuntimeException e) {
            // the claim expires after the lease and the notification is tried again: never lost
            log.warn("dispatching notification {} failed: {}", notification.id(), e.toString());
        } finally {
            locks.unlock(notification.customerId(), owner);
        }
    }

    /** One dispatch decision and attempt for a claimed notification (NOT-3, NOT-5). */
    void deliver(Notification notification, Instant now) {
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
            send(notification, contact, send.channel(), now);
        }
    }

    private List<Instant> recentSends(Notification notification, ContactProfile contact, Instant now) {
        if (contact == null) {
            return List.of();
        }
        Instant since = now.minus(policy.settings().capWindow());
        List<Instant> sends = new ArrayList<>(notifications.sendsSince(notification.customerId(), since));
        if (!contact.customerId().equals(notification.customerId())) {
            sends.addAll(notifications.sendsSince(contact.customerId(), since));
        }
        return sends;
    }

    private void send(Notification notification, ContactProfile contact, Channel channel, Instant now) {
        MessageTemplates.Message message = templates.render(notification.purpose(), channel, contact.language(),
                contact.name(), properties.branch(notification.branchId()), notification.facts());
        String to = contact.addressFor(channel);
        switch (channel) {
            case SMS -> {
                try {
                    SmsProviders.Accepted accepted = sms.send(to, message.body(), notification.id());
                    notification.markSent(channel, contact.language(), to, null, message.body(), accepted.provider(),
                            accepted.messageId(), now);
                } catch (SmsSendFailure failure) {
                    switch (failure.kind()) {
                        case UNAVAILABLE -> notification.defer(now.plus(properties.retry().unavailable()), failure.getMessage());
                        case REJECTED -> notification.failOver(channel, failure.getMessage(), now);
                        case TRANSIENT -> retryOrFailOver(notification, channel, failure.getMessage(), now);
                    }
                }
            }
            case EMAIL -> {
                try {
                    email.send(to, message.subject(), message.body());
                    notification.markSent(channel, contact.language(), to, message.subject(), message.body(), "smtp",
                            null, now);
                } catch (MailException e) {
                    retryOrFailOver(notification, channel, "SMTP: " + e.getMessage(), now);
                }
            }
            // letters are printed in the branch's daily batch; calls appear on the staff call list
            case LETTER -> notification.markSent(channel, contact.language(), contact.name() + "\n" + to, null,
                    message.body(), "letter-batch", null, now);
            case PHONE -> notification.markSent(channel, contact.language(), to, null, message.body(), "call-list",
                    null, now);
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
