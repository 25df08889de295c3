package org.dealerplatform.platform.outbox;

import org.dealerplatform.platform.events.EventFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What every {@link AggregateStore} needs, in one bean so that service stores have a one-argument constructor. */
public record OutboxSupport(MongoTemplate mongo, EventFactory events, OutboxSignal signal) {
}
