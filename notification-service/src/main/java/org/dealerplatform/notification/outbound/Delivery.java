package org.dealerplatform.notification.outbound;

import java.util.Objects;

/**
 * What a notification was handed over as (NOT-5): on which channel, in which language, to whom, with which text, and
 * which provider took it under which message id (the key its delivery receipt comes back with). A value part of
 * {@link Notification}; the notification's document keeps these fields flat, where the receipt lookup and the
 * erasure find them.
 */
public record Delivery(Channel channel, String language, String recipient, String subject, String body,
        String provider, String providerMessageId) {

    public Delivery {
        Objects.requireNonNull(channel, "channel");
    }

    /** A text message or e-mail accepted by {@code provider} under {@code providerMessageId} (may be null). */
    public static Delivery byProvider(Channel channel, String language, String recipient, String subject, String body,
            String provider, String providerMessageId) {
        return new Delivery(channel, language, recipient, subject, body, provider, providerMessageId);
    }

    /** A letter for the branch's daily print batch or a call for the staff call list: no provider message id. */
    public static Delivery byStaff(Channel channel, String language, String recipient, String body, String queue) {
        return new Delivery(channel, language, recipient, null, body, queue, null);
    }
}
