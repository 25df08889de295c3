package org.dealerplatform.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class KeptAnswersTest {

    private static final Instant NOON = Instant.parse("2026-12-01T04:00:00Z");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    record Counted(String what, int count) {
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = NOON;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();

    private KeptAnswers answers() {
        return new KeptAnswers(mongo, json, clock);
    }

    private static IdempotencyKey key(String subject, String key, String fingerprint) {
        return new IdempotencyKey(subject, key, fingerprint, NOON);
    }

    @Test
    @DisplayName("REL-7 kept answers: the same key and request run the command once and replay its status and body")
    void sameKeyRunsOnceAndReplays() {
        KeptAnswers answers = answers();
        AtomicInteger runs = new AtomicInteger();
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        ResponseEntity<Counted> first = answers.answer(key, "count", Counted.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(new Counted("run", runs.incrementAndGet())));
        ResponseEntity<Counted> second = answers.answer(key, "count", Counted.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(new Counted("run", runs.incrementAndGet())));
        assertThat(runs).hasValue(1);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getBody()).isEqualTo(first.getBody()).isEqualTo(new Counted("run", 1));
        // another instance (another store object on the same database) replays it too
        assertThat(answers().once(key, "count", Counted.class, () -> new Counted("run", runs.incrementAndGet())))
                .isEqualTo(new Counted("run", 1));
        assertThat(runs).hasValue(1);
        Document kept = mongo.findById(KeptAnswers.id("count", key), Document.class, KeptAnswers.COLLECTION);
        assertThat(kept.getString("fingerprint")).isEqualTo("f1");
        assertThat(kept.getInteger("status")).isEqualTo(201);
        assertThat(kept.getDate("expiresAt").toInstant()).isEqualTo(NOON.plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName("REL-7 kept answers: a 204 without a body is replayed as a 204")
    void answerWithoutBodyIsReplayed() {
        KeptAnswers answers = answers();
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        AtomicInteger runs = new AtomicInteger();
        answers.answer(key, "empty", Counted.class, () -> {
            runs.incrementAndGet();
            return ResponseEntity.noContent().build();
        });
        ResponseEntity<Counted> again = answers.answer(key, "empty", Counted.class, () -> {
            runs.incrementAndGet();
            return ResponseEntity.ok(new Counted("x", 1));
        });
        assertThat(runs).hasValue(1);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(again.getBody()).isNull();
    }

    @Test
    @DisplayName("REL-7 kept answers: the same key with another request is refused (422) and the command does not run")
    void sameKeyOtherRequestIsRefused() {
        KeptAnswers answers = answers();
        String k = UUID.randomUUID().toString();
        AtomicInteger runs = new AtomicInteger();
        answers.once(key("hq", k, "f1"), "count", Counted.class, () -> new Counted("a", runs.incrementAndGet()));
        assertThatThrownBy(() -> answers.once(key("hq", k, "f2"), "count", Counted.class,
                () -> new Counted("b", runs.incrementAndGet()))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(runs).hasValue(1);
        // keys are scoped to the caller and the operation
        answers.once(key("other", k, "f2"), "count", Counted.class, () -> new Counted("c", runs.incrementAndGet()));
        answers.once(key("hq", k, "f2"), "another-operation", Counted.class, () -> new Counted("d", runs.incrementAndGet()));
        assertThat(runs).hasValue(3);
    }

    @Test
    @DisplayName("REL-7 kept answers: while the first request with a key runs, the same key on another instance answers 409")
    void secondRequestWhileTheFirstRunsIsConflict() throws Exception {
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Counted> first = CompletableFuture.supplyAsync(() -> answers().once(key, "slow", Counted.class, () -> {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Counted("slow", 1);
        }));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> answers().once(key, "slow", Counted.class, () -> new Counted("again", runs.incrementAndGet())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("still being handled");
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(new Counted("slow", 1));
        assertThat(answers().once(key, "slow", Counted.class, () -> new Counted("again", runs.incrementAndGet())))
                .isEqualTo(new Counted("slow", 1));
        assertThat(runs).hasValue(0);
    }

    @Test
    @DisplayName("REL-7 kept answers: an answer is kept 24 h and then expires (TTL index), so the key runs the command again")
    void answerExpiresAfterRetention() {
        KeptAnswers answers = answers();
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        AtomicInteger runs = new AtomicInteger();
        answers.once(key, "count", Counted.class, () -> new Counted("a", runs.incrementAndGet()));
        clock.now = NOON.plus(Duration.ofHours(24)).minusSeconds(1);
        assertThat(answers.once(key, "count", Counted.class, () -> new Counted("a", runs.incrementAndGet())).count()).isEqualTo(1);
        clock.now = NOON.plus(Duration.ofHours(24));
        assertThat(answers.once(key, "count", Counted.class, () -> new Counted("a", runs.incrementAndGet())).count()).isEqualTo(2);
        assertThat(mongo.indexOps(KeptAnswers.COLLECTION).getIndexInfo())
                .anySatisfy(index -> {
                    assertThat(index.getName()).isEqualTo("expires_at_ttl");
                    assertThat(index.getIndexFields()).singleElement()
                            .satisfies(field -> assertThat(field.getKey()).isEqualTo("expiresAt"));
                });
        // issue 10: the conditional writes on a claim are answered by an index, not a scan, on the embedded server
        assertThat(mongo.indexOps(KeptAnswers.COLLECTION).getIndexInfo())
                .anySatisfy(index -> assertThat(index.getIndexFields()).extracting(field -> field.getKey())
                        .containsExactly("_id", "claim"));
    }

    @Test
    @DisplayName("REL-7 kept answers: a failed command keeps nothing, so its retry runs it; a claim of a request that died is taken over once its lease ends")
    void failureKeepsNothingAndStaleClaimsAreTakenOver() {
        KeptAnswers answers = answers();
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        assertThatThrownBy(() -> answers.once(key, "fails", Counted.class, () -> {
            throw new IllegalStateException("broker away");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(answers.once(key, "fails", Counted.class, () -> new Counted("ok", 1))).isEqualTo(new Counted("ok", 1));

        IdempotencyKey other = key("hq", UUID.randomUUID().toString(), "f1");
        Instant started = clock.now;
        mongo.insert(new Document("_id", KeptAnswers.id("died", other)).append("fingerprint", "f1")
                .append("state", KeptAnswers.RUNNING).append("claim", "dead-instance")
                .append("startedAt", java.util.Date.from(started))
                .append("expiresAt", java.util.Date.from(started.plus(KeptAnswers.CLAIM_LEASE))), KeptAnswers.COLLECTION);
        assertThatThrownBy(() -> answers.once(other, "died", Counted.class, () -> new Counted("x", 1)))
                .isInstanceOf(ConflictException.class);
        clock.now = started.plus(KeptAnswers.CLAIM_LEASE);
        assertThat(answers.once(other, "died", Counted.class, () -> new Counted("x", 2))).isEqualTo(new Counted("x", 2));
    }
    @Test
    @DisplayName("REL-7 kept answers: a running request renews its claim, so a long command still answers 409 to a retry after its first lease")
    void runningClaimIsRenewed() throws Exception {
        Duration lease = Duration.ofMillis(300);
        IdempotencyKey key = key("hq", UUID.randomUUID().toString(), "f1");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Counted> first = CompletableFuture.supplyAsync(() ->
                new KeptAnswers(mongo, json, Clock.systemUTC(), lease).once(key, "long", Counted.class, () -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Counted("long", 1);
                }));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(lease.toMillis() * 3);
        AtomicInteger runs = new AtomicInteger();
        KeptAnswers another = new KeptAnswers(mongo, json, Clock.systemUTC(), lease);
        assertThatThrownBy(() -> another.once(key, "long", Counted.class, () -> new Counted("again", runs.incrementAndGet())))
                .isInstanceOf(ConflictException.class);
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(new Counted("long", 1));
        assertThat(another.once(key, "long", Counted.class, () -> new Counted("again", runs.incrementAndGet())))
                .isEqualTo(new Counted("long", 1));
        assertThat(runs).hasValue(0);
    }
}
