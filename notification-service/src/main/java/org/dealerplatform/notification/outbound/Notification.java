package org.dealerplatform.notification.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dealerplatform.platform.domain.RuleViolation;

import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * One notification per business reason (NOT-4): its id IS the reason key, e.g. {@code maintenance-due:<vin>:<dueDate>}.
 * The document is also the persistent dispatch queue entry (NOT-5): {@code status}, {@code nextAttemptAt},
 * {@code attempts}; every status change records a contact history event (NOT-6).
 */
public class Notification extends AggregateRoot {

    /** How many "no answer" outcomes end a phone reminder. */
    static final int MAX_UNANSWERED_CALLS = 3;

    private String customerId;
    private Purpose purpose;
    private Map<String, String> facts = new LinkedHashMap<>();
    private Instant createdAt;
    private NotificationStatus status;
    private Channel channel;
    private List<Channel> excludedChannels = new ArrayList<>();
    private String language;
    private String recipient;
    private String subject;
    private String body;
    private String provider;
    private String providerMessageId;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant claimedUntil;
    private String reason;
    private Instant sentAt;
    private Instant deliveredAt;
    private Instant failedAt;
    private String letterBatchId;
    private String callOutcome;
    private String callNote;

    /** For the mapping layer only. */
    private Notification() {
    }

    /** A new queued notification for a business reason; due at once (the policy decides when it really goes). */
    public static Notification request(String reasonKey, String branchId, String customerId, Purpose purpose,
            Map<String, String> facts, Instant now) {
        Notification n = new Notification();
        n.id = Objects.requireNonNull(reasonKey, "reasonKey");
        n.branchId = Objects.requireNonNull(branchId, "branchId");
        n.customerId = Objects.requireNonNull(customerId, "customerId");
        n.purpose = purpose;
        n.facts = facts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(facts);
        n.createdAt = now;
        n.status = NotificationStatus.QUEUED;
        n.nextAttemptAt = now;
        return n;
    }

    /** Not now (quiet hours, frequency cap, provider unavailable): stays queued until {@code until}. */
    public void defer(Instant until, String why) {
        requireQueued();
        this.nextAttemptAt = until;
        this.reason = why;
        this.claimedUntil = null;
    }

    /** Policy forbids it for good (NOT-3); recorded with the reason. */
    public void suppress(String why, Instant now) {
        requireQueued();
        finish(NotificationStatus.SUPPRESSED, why, now);
    }

    /** Handed to a provider (SMS, e-mail), to the letter batch or to the call list (NOT-5). */
    public void markSent(Delivery delivery, Instant now) {
        requireQueued();
        this.status = NotificationStatus.SENT;
        this.channel = delivery.channel();
        this.language = delivery.language();
        this.recipient = delivery.recipient();
        this.subject = delivery.subject();
        this.body = delivery.body();
        this.provider = delivery.provider();
        this.providerMessageId = delivery.providerMessageId();
        this.sentAt = now;
        this.claimedUntil = null;
        this.reason = null;
        record(new NotificationEvents.NotificationSent(id, id, customerId, branchId, channel, purpose, provider, now));
    }

    /**
     * Puts a sent letter into the branch's print batch {@code batchId} (NOT-1); false if a batch has it already, so a
     * letter is printed once.
     */
    public boolean putInBatch(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        if (channel != Channel.LETTER || status == NotificationStatus.QUEUED) {
            throw new IllegalStateException("notification " + id + " is no sent letter");
        }
        if (letterBatchId != null) {
            return false;
        }
        letterBatchId = batchId;
        return true;
    }

    /** A failed attempt that may succeed later: counted, and retried at {@code retryAt} (back-off). */
    public void retryLater(Channel on, String why, Instant retryAt) {
        retryLater(on, why, retryAt, null);
    }

    /**
     * As above; {@code mayHaveIt} names the provider that got the request but did not answer in time, so the retry
     * asks it first (it is kept in {@link #provider()} while the notification is queued).
     */
    public void retryLater(Channel on, String why, Instant retryAt, String mayHaveIt) {
        requireQueued();
        this.channel = on;
        this.attempts++;
        this.reason = why;
        this.nextAttemptAt = retryAt;
        this.claimedUntil = null;
        this.provider = mayHaveIt;
    }

    /** The channel failed for good: the next attempt chooses another channel (failover, NOT-5). */
    public void failOver(Channel failed, String why, Instant now) {
        requireQueued();
        if (excludedChannels == null) {
            excludedChannels = new ArrayList<>();
        }
        if (!excludedChannels.contains(failed)) {
            excludedChannels.add(failed);
        }
        this.channel = null;
        this.attempts = 0;
        this.reason = failed + " failed: " + why;
        this.nextAttemptAt = now;
        this.claimedUntil = null;
    }

    /** Every channel failed (NOT-5). */
    public void fail(String why, Instant now) {
        requireQueued();
        finish(NotificationStatus.FAILED, why, now);
    }

    /** A delivery receipt or a reached call (NOT-5); a repeated receipt changes nothing. Returns whether it changed. */
    public boolean delivered(Instant at) {
        if (status != NotificationStatus.SENT) {
            return false;
        }
        this.status = NotificationStatus.DELIVERED;
        this.deliveredAt = at;
        record(new NotificationEvents.NotificationDelivered(id, id, customerId, branchId, channel, at));
        return true;
    }

    /** The provider reported it undeliverable (BOUNCED) or failed (FAILED) after sending. Returns whether it changed. */
    public boolean undeliverable(NotificationStatus outcome, String why, Instant at) {
        if (status != NotificationStatus.SENT) {
            return false;
        }
        if (outcome != NotificationStatus.BOUNCED && outcome != NotificationStatus.FAILED) {
            throw new IllegalArgumentException("not an undeliverable outcome: " + outcome);
        }
        finish(outcome, why, at);
        return true;
    }

    /** Staff recorded the outcome of a phone reminder (NOT-1). */
    public void recordCallOutcome(CallOutcome outcome, String note, Instant now) {
        if (channel != Channel.PHONE || status != NotificationStatus.SENT) {
            throw new RuleViolation("outcome", "only an open phone reminder takes a call outcome");
        }
        this.callOutcome = outcome.name();
        this.callNote = note;
        switch (outcome) {
            case REACHED, DECLINED -> delivered(now);
            case WRONG_NUMBER -> finish(NotificationStatus.FAILED, "wrong number", now);
            case NO_ANSWER -> {
                attempts++;
                if (attempts >= MAX_UNANSWERED_CALLS) {
                    finish(NotificationStatus.FAILED, "no answer after " + attempts + " calls", now);
                }
            }
        }
    }

    private void finish(NotificationStatus outcome, String why, Instant now) {
        this.status = outcome;
        this.reason = why;
        this.failedAt = now;
        this.claimedUntil = null;
        record(new NotificationEvents.NotificationFailed(id, id, customerId, branchId,
                channel == null ? firstChannel() : channel, outcome, why, now));
    }

    private Channel firstChannel() {
        return purpose.channels().get(0);
    }

    private void requireQueued() {
        if (status != NotificationStatus.QUEUED) {
            throw new IllegalStateException("notification " + id + " is " + status + ", not QUEUED");
        }
    }

    public String customerId() {
        return customerId;
    }

    public Purpose purpose() {
        return purpose;
    }

    public Map<String, String> facts() {
        return facts == null ? Map.of() : Map.copyOf(facts);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public NotificationStatus status() {
        return status;
    }

    public Channel channel() {
        return channel;
    }

    public List<Channel> excludedChannels() {
        return excludedChannels == null ? List.of() : List.copyOf(excludedChannels);
    }

    /** What it was handed over as; null while it was not sent. */
    public Delivery delivery() {
        return sentAt == null || channel == null ? null
                : new Delivery(channel, language, recipient, subject, body, provider, providerMessageId);
    }

    public String language() {
        return language;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public String provider() {
        return provider;
    }

    public String providerMessageId() {
        return providerMessageId;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    public String reason() {
        return reason;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant failedAt() {
        return failedAt;
    }

    public String letterBatchId() {
        return letterBatchId;
    }

    public String callOutcome() {
        return callOutcome;
    }

    public String callNote() {
        return callNote;
    }
}
