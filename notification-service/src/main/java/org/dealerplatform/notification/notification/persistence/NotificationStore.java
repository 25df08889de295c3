package org.dealerplatform.notification.notification.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.notification.notification.Channel;
import org.dealerplatform.notification.notification.Notification;
import org.dealerplatform.notification.notification.NotificationStatus;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Notifications in collection {@code notifications} (id = reason key, NOT-4), which is also the persistent dispatch
 * queue (NOT-5); events to {@code notifications.notification.events}.
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
    }

    /**
     * Ids of up to {@code limit} notifications due at {@code now} (QUEUED, due, not claimed by a live lease), oldest
     * first. Only candidates: {@link #claim} decides who gets each one.
     */
    public List<String> dueCandidates(Instant now, int limit) {
        Query due = Query.query(due(now)).with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        return mongo().find(due, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    /**
     * Claims one due notification with a single conditional update (safe with several workers and instances): it must
     * still be QUEUED, due and unclaimed. The claim bumps the version, so a stale copy elsewhere cannot save over it.
     */
    public Optional<Notification> claim(String id, Instant now, Instant leaseUntil) {
        // _id at the top level so that the store answers from its _id index
        Date at = Date.from(now);
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(NotificationStatus.QUEUED.name())
                .and("nextAttemptAt").lte(at)
                .orOperator(Criteria.where("claimedUntil").is(null), Criteria.where("claimedUntil").lt(at)));
        return Optional.ofNullable(mongo().findAndModify(query,
                new Update().set("claimedUntil", Date.from(leaseUntil)).inc(VERSION, 1),
                FindAndModifyOptions.options().returnNew(true), Notification.class, COLLECTION));
    }

    private static Criteria due(Instant now) {
        Date at = Date.from(now);
        return Criteria.where("status").is(NotificationStatus.QUEUED.name()).and("nextAttemptAt").lte(at)
                .orOperator(Criteria.where("claimedUntil").is(null), Criteria.where("claimedUntil").lt(at));
    }

    /** When this customer was sent anything since {@code since}, any channel (frequency cap, NOT-3). */
    public List<Instant> sendsSince(String customerId, Instant since) {
        Query query = Query.query(Criteria.where("customerId").is(customerId).and("sentAt").gt(Date.from(since)));
        query.fields().include("sentAt");
        return mongo().find(query, Document.class, COLLECTION).stream().map(d -> d.getDate("sentAt").toInstant()).toList();
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

    /**
     * Puts a letter into a batch unless another batch took it first; bumps the version so no stale save undoes it.
     */
    public boolean assignToBatch(String notificationId, String batchId) {
        return mongo().updateFirst(Query.query(Criteria.where("_id").is(notificationId).and("letterBatchId").is(null)),
                new Update().set("letterBatchId", batchId).inc(VERSION, 1), COLLECTION).getModifiedCount() == 1;
    }

    public List<Notification> find(Query query) {
        return mongo().find(query, Notification.class, COLLECTION);
    }

    public long count(Query query) {
        return mongo().count(Query.of(query).limit(-1).skip(-1), COLLECTION);
    }
}
