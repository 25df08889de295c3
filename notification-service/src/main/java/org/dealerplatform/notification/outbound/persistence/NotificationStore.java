package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Notifications in collection {@code notifications} (id = reason key, NOT-4); events to
 * {@code notifications.notification.events}. The unsent ones are also on the {@link DispatchQueue} (NOT-5), which the
 * dispatcher polls instead of this collection. The secondary indexes serve a real MongoDB (staff lists, letters) and
 * the local runtime's embedded server; hot paths query this collection by {@code _id} (and {@code {_id, version}} for
 * the compare-and-set save), and a delivery report by provider message id through {@code provider_message} (ECO-1).
 */
@Component
public class NotificationStore extends AggregateStore<Notification> {

    public static final String COLLECTION = "notifications";
    public static final String TOPIC = "notifications.notification.events";

    public NotificationStore(OutboxSupport support) {
        super(support, Notification.class, COLLECTION, TOPIC);
        mongo().indexOps(COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC).named("due"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC).named("branch_customer"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC)
                .on("sentAt", Sort.Direction.DESC).named("customer_sent"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("channel", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on(BranchScope.FIELD, Sort.Direction.ASC).named("channel_status_branch"));
        // SEC-9: one customer's notifications; indexed on a real MongoDB (the embedded server implements unique indexes only)
        mongo().indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC).named("customer"));
        // ECO-1: a delivery report that names only the provider's message id (Tencent's sid) finds its notification here
        mongo().indexOps(COLLECTION).createIndex(new Index().on("providerMessageId", Sort.Direction.ASC)
                .on("provider", Sort.Direction.ASC).named("provider_message"));
    }

    /**
     * SEC-9 (PIPL): the notifications of an erased customer keep status, channel, purpose, provider and times but lose
     * recipient, subject, rendered text and call note. One multi-update by {@code customerId}, once per erasure (rare):
     * indexed on a real MongoDB, a scan of the notifications on the embedded server. It also moves each document's version
     * on, so a dispatcher that loaded one before cannot save the old text back (its compare-and-set fails and it
     * reloads). A repeat changes nothing but the versions.
     */
    public void forgetPersonalData(String customerId) {
        mongo().updateMulti(Query.query(Criteria.where("customerId").is(customerId)), new Update()
                .unset("recipient").unset("subject").unset("body").unset("callNote")
                .inc(AggregateStore.VERSION, 1), COLLECTION);
    }

    /**
     * Ids of QUEUED notifications (with their next attempt), from a scan of the whole collection: only for the one-off
     * fill of the {@link DispatchQueue} when it is introduced, never on a hot path.
     */
    public List<Document> queuedForBackfill() {
        Query queued = Query.query(Criteria.where("status").is(NotificationStatus.QUEUED.name()));
        queued.fields().include("_id").include("nextAttemptAt");
        return mongo().find(queued, Document.class, COLLECTION);
    }

    /** Sends after {@code since} as (customer, notification, sentAt), from a scan: only for the same one-off fill. */
    public List<Document> sentSinceForBackfill(Instant since) {
        Query sent = Query.query(Criteria.where("sentAt").gt(Date.from(since)));
        sent.fields().include("_id").include("customerId").include("sentAt");
        return mongo().find(sent, Document.class, COLLECTION);
    }

    /** Sent letters not yet in a batch, of one branch, oldest first. */
    public List<Notification> unbatchedLetters(String branchId, int limit) {
        return mongo().find(Query.query(Criteria.where("channel").is(Channel.LETTER.name())
                        .and("status").is(NotificationStatus.SENT.name()).and("branchId").is(branchId)
                        .and("letterBatchId").is(null)).with(Sort.by("sentAt")).limit(limit),
                Notification.class, COLLECTION);
    }

    /** Branches that have sent letters waiting for a batch. */
    public List<String> branchesWithUnbatchedLetters() {
        return mongo().findDistinct(Query.query(Criteria.where("channel").is(Channel.LETTER.name())
                        .and("status").is(NotificationStatus.SENT.name()).and("letterBatchId").is(null)),
                "branchId", COLLECTION, String.class);
    }

    public List<Notification> find(Query query) {
        return mongo().find(query, Notification.class, COLLECTION);
    }

    public long count(Query query) {
        return mongo().count(Query.of(query).limit(-1).skip(-1), COLLECTION);
    }
}
