package org.dealerplatform.aftersales.campaign.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The launch jobs not finished yet (issue 10), collection {@code campaign_launch_queue}: one entry per campaign with a
 * running launch ({@code _id} = campaign id, {@code launchId}, {@code leaseUntil}). It only ever holds the running
 * jobs, so reading it whole is cheap. The entry is written before the campaign's launch state (a crash between leaves
 * an entry whose campaign has no such running launch: the runner drops it), and removed after the launch is DONE.
 * A worker leases an entry while it works on it; after a crash the lease expires and any instance resumes the job.
 */
@Component
public class LaunchQueue {

    public static final String COLLECTION = "campaign_launch_queue";

    /** An unfinished launch job; {@code enqueuedAt} is EPOCH for an entry written before it was recorded. */
    public record Entry(String campaignId, String launchId, Instant leaseUntil, Instant enqueuedAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public LaunchQueue(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Lists a new launch of the campaign, free for any worker to take. The entry of the campaign's previous launch may
     * still be there, leased by the job that is just finishing it: the new launch takes the entry over without that
     * lease, else it would wait for the lease to run out (2 minutes) before any instance resumed it.
     */
    public void enqueue(String campaignId, String launchId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(campaignId)), new Update().set("launchId", launchId)
                .set("leaseUntil", new Date(0)).set("enqueuedAt", Date.from(clock.instant())).unset("owner"), COLLECTION);
    }

    public List<Entry> all() {
        return mongo.findAll(Document.class, COLLECTION).stream().map(LaunchQueue::entry).toList();
    }

    /** The campaign's entry, if a launch of it is listed. */
    public Optional<Entry> entry(String campaignId) {
        return Optional.ofNullable(mongo.findById(campaignId, Document.class, COLLECTION)).map(LaunchQueue::entry);
    }

    private static Entry entry(Document d) {
        return new Entry(d.getString("_id"), d.getString("launchId"), instant(d.getDate("leaseUntil")),
                instant(d.getDate("enqueuedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    /** Gives up {@code owner}'s lease at once, so that the job is free for the next run on any instance. */
    public void release(String campaignId, String owner) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(campaignId).and("owner").is(owner)),
                new Update().set("leaseUntil", new Date(0)).unset("owner"), COLLECTION);
    }

    /** Takes (or extends) the lease of a job for {@code owner} until {@code until}; false when another holds it. */
    public boolean lease(String campaignId, String owner, Instant now, Instant until) {
        Query query = Query.query(Criteria.where("_id").is(campaignId).orOperator(
                Criteria.where("leaseUntil").lt(Date.from(now)), Criteria.where("owner").is(owner)));
        try {
            return mongo.updateFirst(query, new Update().set("owner", owner).set("leaseUntil", Date.from(until)),
                    COLLECTION).getMatchedCount() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Removes the entry of a finished (or unknown) launch; a newer launch's entry stays. */
    public void remove(String campaignId, String launchId) {
        mongo.remove(Query.query(Criteria.where("_id").is(campaignId).and("launchId").is(launchId)), COLLECTION);
    }
}
