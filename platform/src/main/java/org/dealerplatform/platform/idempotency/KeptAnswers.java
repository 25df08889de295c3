package org.dealerplatform.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.bson.Document;
import org.dealerplatform.platform.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * REL-7 for commands that create or change no aggregate of their own (an HQ rebuild, a sweep, a replay, a lookup that
 * grants): the answer to an {@code Idempotency-Key} is kept in one document of {@value #COLLECTION} whose {@code _id}
 * is operation, token subject and key, with the request's fingerprint and an expiry (a TTL index deletes it, and a
 * read treats it as gone once expired, since the embedded database ignores TTL indexes).
 *
 * <ul>
 *   <li>same key and same request: the kept answer (status and body) is replayed, the command is not run again;</li>
 *   <li>same key, another request: {@link IdempotencyKeyReusedException} (422);</li>
 *   <li>same key while the first request is still running, on any instance: {@link ConflictException} (409);</li>
 *   <li>a command that fails (a problem answer) keeps nothing, so its retry runs it again;</li>
 *   <li>no key: the command runs as it always did.</li>
 * </ul>
 * Every read is an {@code _id} lookup. Commands that change an aggregate keep the key in the aggregate instead
 * ({@link KeptRequests}), so no second write is needed there.
 */
public class KeptAnswers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeptAnswers.class);

    public static final String COLLECTION = "kept_answers";

    /**
     * How long a running request's claim on its key lasts unless renewed; it is renewed every third of this while the
     * command runs. A claim not renewed (its instance died, or the database went away before the claim could be
     * released) expires, and the retry runs the command again (every command kept here is safe to repeat by itself).
     * Short, because careful clients retry a 409 for a few minutes only (the fault suite's for 240 s).
     */
    public static final Duration CLAIM_LEASE = Duration.ofSeconds(30);

    static final String RUNNING = "RUNNING";
    static final String ANSWERED = "ANSWERED";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicBoolean indexed = new AtomicBoolean();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kept-answers-claims");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration claimLease;

    public KeptAnswers(MongoTemplate mongo, JsonMapper json, Clock clock) {
        this(mongo, json, clock, CLAIM_LEASE);
    }

    KeptAnswers(MongoTemplate mongo, JsonMapper json, Clock clock, Duration claimLease) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.claimLease = claimLease;
    }

    /**
     * Runs {@code command} once per key: its body is kept and a retry with the same key and request gets it again
     * (the status the handler declares applies to both).
     */
    public <T> T once(IdempotencyKey key, String operation, Class<T> type, Supplier<T> command) {
        return answer(key, operation, type, () -> ResponseEntity.ok(command.get())).getBody();
    }

    /** {@link #once} for a handler that chooses its status (and may answer without a body, e.g. 204). */
    public <T> ResponseEntity<T> answer(IdempotencyKey key, String operation, Class<T> type,
            Supplier<ResponseEntity<T>> command) {
        if (key == null) {
            return command.get();
        }
        String id = id(operation, key);
        String claim = UUID.randomUUID().toString();
        ResponseEntity<T> kept = claimOrReplay(id, claim, operation, key, type);
        if (kept != null) {
            return kept;
        }
        ResponseEntity<T> answer;
        long every = Math.max(1, claimLease.toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(id, claim), every, every, TimeUnit.MILLISECONDS);
        try {
            answer = command.get();
        } catch (RuntimeException | Error failed) {
            renewal.cancel(false);
            release(id, claim, failed);
            throw failed;
        }
        renewal.cancel(false);
        Instant answeredAt = clock.instant();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("claim").is(claim)),
                new Update().set("state", ANSWERED).set("status", answer.getStatusCode().value())
                        .set("body", answer.getBody() == null ? null : json.writeValueAsString(answer.getBody()))
                        .set("answeredAt", Date.from(answeredAt))
                        .set("expiresAt", Date.from(answeredAt.plus(IdempotencyKey.RETENTION))),
                COLLECTION);
        return answer;
    }

    /** The kept answer to replay, or null once this request holds the key (it then runs the command). */
    private <T> ResponseEntity<T> claimOrReplay(String id, String claim, String operation, IdempotencyKey key,
            Class<T> type) {
        ensureIndexes();
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            Document stored = mongo.findById(id, Document.class, COLLECTION);
            if (stored != null && !stored.getDate("expiresAt").toInstant().isAfter(now)) {
                // kept long enough, or a claim of a request that died: gone, as the TTL index would have it (unless
                // renewed since it was read: the claim and expiry must still be the ones read)
                mongo.remove(Query.query(Criteria.where("_id").is(id).and("claim").is(stored.getString("claim"))
                        .and("expiresAt").is(stored.getDate("expiresAt"))), COLLECTION);
                stored = null;
            }
            if (stored != null) {
                return replay(stored, key, type);
            }
            Document running = new Document("_id", id).append("operation", operation).append("subject", key.subject())
                    .append("key", key.key()).append("fingerprint", key.fingerprint()).append("state", RUNNING)
                    .append("claim", claim).append("startedAt", Date.from(now))
                    .append("expiresAt", Date.from(now.plus(claimLease)));
            try {
                mongo.insert(running, COLLECTION);
                return null;
            } catch (DuplicateKeyException raced) {
                if (attempt >= 2) {
                    throw raced;
                }
                // another request with this key claimed it since we looked: read what it holds
            }
        }
    }

    private <T> ResponseEntity<T> replay(Document stored, IdempotencyKey key, Class<T> type) {
        if (!key.fingerprint().equals(stored.getString("fingerprint"))) {
            throw new IdempotencyKeyReusedException(key.key());
        }
        if (!ANSWERED.equals(stored.getString("state"))) {
            throw new ConflictException("a request with " + IdempotencyKey.HEADER + " " + key.key()
                    + " is still being handled; retry when it has been answered", null);
        }
        String body = stored.getString("body");
        return ResponseEntity.status(HttpStatusCode.valueOf(stored.getInteger("status")))
                .body(body == null ? null : json.readValue(body, type));
    }

    /** Keeps a running request's claim alive; a renewal that fails (database away) lets the claim expire. */
    private void renew(String id, String claim) {
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("claim").is(claim).and("state").is(RUNNING)),
                    new Update().set("expiresAt", Date.from(clock.instant().plus(claimLease))), COLLECTION);
        } catch (RuntimeException e) {
            log.warn("could not renew the claim on kept answer {}: {}", id.replace('\n', ' '), e.toString());
        }
    }

    /** A failed command keeps nothing; if even that fails (database away), the claim expires with its lease. */
    private void release(String id, String claim, Throwable failed) {
        try {
            mongo.remove(Query.query(Criteria.where("_id").is(id).and("claim").is(claim)), COLLECTION);
        } catch (RuntimeException e) {
            failed.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }

    static String id(String operation, IdempotencyKey key) {
        return operation + "\n" + key.subject() + "\n" + key.key();
    }

    /**
     * The TTL index (deletes a document at its {@code expiresAt}), and {@code _id, claim} for the conditional writes on
     * a claim (answer, renew, release, expire): the embedded server answers a query on more keys than {@code _id} by a
     * scan unless an index leads with its equality keys. Made on first use, not when the service starts.
     */
    private void ensureIndexes() {
        if (!indexed.get()) { // made again after a failure (the database away at first use); creating it twice is harmless
            mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                    .expire(Duration.ZERO).named("expires_at_ttl"));
            mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("claim", Sort.Direction.ASC)
                    .named("id_claim"));
            indexed.set(true);
        }
    }
}
