package org.dealerplatform.platform.jobs;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeyedInserts;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Import jobs in one collection per service (customer-service: {@code import_jobs}), one document each, every write an {@code _id} lookup: progress and the
 * heartbeat are {@code $set}s, the report is written once when the job is done.
 */
public class ImportJobStore {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String collection;

    public ImportJobStore(MongoTemplate mongo, Clock clock, String collection) {
        this.mongo = mongo;
        this.clock = clock;
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }

    public void create(ImportJob job) {
        mongo.insert(job, collection);
    }

    /** REL-7: creates a job whose id came from the request's key, keeping the key in its document; a retry finds it. */
    public KeyedInserts.Result<ImportJob> createOnce(ImportJob job, IdempotencyKey key) {
        return KeyedInserts.insertOnce(mongo, job, job.id(), collection, ImportJob.class, key);
    }

    /** REL-7: the job an earlier request with this key started, if any. */
    public Optional<ImportJob> createdBy(String id, IdempotencyKey key) {
        return KeyedInserts.createdBy(mongo, id, collection, ImportJob.class, key);
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ImportJob.class, collection));
    }

    public void running(String id) {
        set(id, new Update().set("status", ImportJob.Status.RUNNING));
    }

    public void progress(String id, long rows, long rowsDone) {
        set(id, new Update().set("rows", rows).set("rowsDone", rowsDone));
    }

    public void done(String id, ImportReport report) {
        set(id, new Update().set("status", ImportJob.Status.DONE).set("rows", report.rows()).set("rowsDone", report.rows())
                .set("report", report).set("finishedAt", clock.instant()));
    }

    public void failed(String id, String error) {
        set(id, new Update().set("status", ImportJob.Status.FAILED).set("error", error).set("finishedAt", clock.instant()));
    }

    /** Tells readers the runner of these jobs is alive (see {@link ImportJob#STALE_AFTER}). */
    public void heartbeat(Collection<String> ids) {
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().set("updatedAt", clock.instant()),
                    collection);
        }
    }

    private void set(String id, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update.set("updatedAt", clock.instant()), collection);
    }
}
