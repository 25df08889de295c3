package org.dealerplatform.notification.optout;

import java.time.Instant;

import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.platform.events.DomainEvent;

/** Opt-out events on {@code notifications.notification.events} (contracts/EVENTS.md). */
public sealed interface OptOutEvents extends DomainEvent {

    /** A customer replied to opt out (NOT-7); key = customerId. */
    record OptOutReceived(String customerId, String branchId, Channel channel, String keyword, String from,
            Instant receivedAt) implements OptOutEvents {
    }
}
