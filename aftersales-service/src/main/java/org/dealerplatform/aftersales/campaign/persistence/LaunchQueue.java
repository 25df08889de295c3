package org.dealerplatform.aftersales.campaign.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

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

    /** An unfinished launch job. */
    public record Entry(String campaignId, String launchId, Instant leaseUntil) {
    }

    private final MongoTemplate mongo;

    public LaunchQueue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Lists a new launch of the campaign, free for any worker to take. The entry of the campaign's previous launch may
     * still be there, leased by the job that is just finishing it: the new launch takes the entry over without that
     * lease, else it would wait for the lease to run out (2 minutes) before any instance resumed it.
     */
    public void enqueue(String campaignId, String launchId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(campaignId)),
                new Update().set("launchId", launchId).set("leaseUntil", new Date(0)).unset("owner"), COLLECTION);
    }

    public List<Entry> all() {
        return mongo.findAll(Document.class, COLLECTION).stream()
                .map(d -> new Entry(d.getString("_id"), d.getString("launchId"),
                        d.getDate("leaseUntil") == null ? Instant.EPOCH : d.getDate("leaseUntil").toInstant()))
                .toList();
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
