package org.dealerplatform.notification.outbound.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings a database written before the {@link DispatchQueue} and {@link RecentSends} existed in line, once: every
 * QUEUED notification gets its queue entry, and the sends within the cap window are noted per customer. One scan of
 * {@code notifications} at the first start, recorded as done in {@code notification-migrations}; idempotent if it is
 * interrupted (it runs again at the next start).
 */
@Component
public class DispatchQueueBackfill {

    static final String MIGRATIONS = "notification-migrations";
    static final String DONE = "dispatch-queue-v1";
    private static final Logger log = LoggerFactory.getLogger(DispatchQueueBackfill.class);

    private final MongoTemplate mongo;
    private final NotificationStore notifications;
    private final DispatchQueue queue;
    private final RecentSends recentSends;

    public DispatchQueueBackfill(MongoTemplate mongo, NotificationStore notifications, DispatchQueue queue,
            RecentSends recentSends) {
        this.mongo = mongo;
        this.notifications = notifications;
        this.queue = queue;
        this.recentSends = recentSends;
    }

    /** Fills the queue and the recent sends from {@code notifications} unless that was done before. */
    public void runOnce(Instant now, Duration capWindow) {
        if (mongo.findById(DONE, Document.class, MIGRATIONS) != null) {
            return;
        }
        int queued = 0;
        for (Document notification : notifications.queuedForBackfill()) {
            Date due = notification.getDate("nextAttemptAt");
            queue.enqueue(notification.getString("_id"), due == null ? now : due.toInstant(), now);
            queued++;
        }
        int sends = 0;
        for (Document sent : notifications.sentSinceForBackfill(now.minus(capWindow))) {
            recentSends.record(sent.getString("customerId"), sent.getString("_id"), sent.getDate("sentAt").toInstant());
            sends++;
        }
        try {
            mongo.insert(new Document("_id", DONE).append("at", Date.from(now)).append("queued", queued)
                    .append("sends", sends), MIGRATIONS);
        } catch (DuplicateKeyException anotherInstance) {
            // another instance finished it at the same time: both results are the same
        }
        if (queued + sends > 0) {
            log.info("dispatch queue filled with {} queued notifications; {} recent sends noted for the cap", queued, sends);
        }
    }
}
