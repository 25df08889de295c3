package org.dealerplatform.notification.optout.persistence;

import org.dealerplatform.notification.optout.OptOutRecord;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.springframework.stereotype.Component;

/** Opt-out replies in collection {@code opt-outs}; events to {@code notifications.notification.events}. */
@Component
public class OptOutStore extends AggregateStore<OptOutRecord> {

    public static final String COLLECTION = "opt-outs";

    public OptOutStore(OutboxSupport support) {
        super(support, OptOutRecord.class, COLLECTION, "notifications.notification.events");
    }
}
