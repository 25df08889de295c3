package org.dealerplatform.notification.optout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * The opt-out replies (e.g. "TD", "STOP", "退订") one customer sent (NOT-7); id = customerId, so its events are keyed
 * by customer as the contract says. Customer-service owns the consent: it learns of each opt-out from
 * {@link OptOutEvents.OptOutReceived} and publishes the new preferences.
 */
public class OptOutRecord extends AggregateRoot {

    /** How many reply keys are remembered to ignore retried webhooks. */
    static final int REMEMBERED_REPLIES = 50;

    private final List<String> replyKeys;
    private String lastKeyword;
    private Instant lastReceivedAt;

    public OptOutRecord(String id, String branchId, List<String> replyKeys, String lastKeyword, Instant lastReceivedAt,
            long version) {
        super(id, branchId, version);
        this.replyKeys = replyKeys == null ? new ArrayList<>() : new ArrayList<>(replyKeys);
        this.lastKeyword = lastKeyword;
        this.lastReceivedAt = lastReceivedAt;
    }

    public static OptOutRecord of(String customerId, String branchId) {
        return new OptOutRecord(customerId, branchId, List.of(), null, null, 0);
    }

    /** Records an opt-out reply unless this very reply ({@code replyKey}) was recorded before; returns whether new. */
    public boolean receive(String replyKey, Channel channel, String keyword, String from, Instant receivedAt) {
        if (replyKeys.contains(replyKey)) {
            return false;
        }
        replyKeys.add(replyKey);
        if (replyKeys.size() > REMEMBERED_REPLIES) {
            replyKeys.remove(0);
        }
        lastKeyword = keyword;
        lastReceivedAt = receivedAt;
        record(new OptOutEvents.OptOutReceived(id, branchId, channel, keyword, from, receivedAt));
        return true;
    }

    public List<String> replyKeys() {
        return List.copyOf(replyKeys);
    }

    public String lastKeyword() {
        return lastKeyword;
    }

    public Instant lastReceivedAt() {
        return lastReceivedAt;
    }
}
