package org.dealerplatform.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceTest
class ExclusiveJobsTest {

    @Autowired
    ExclusiveJobs jobs;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("REL-4 while one instance runs a job, a second start of it is skipped; another job runs meanwhile")
    void oneRunnerAtATime() throws Exception {
        String name = "sweep-" + UUID.randomUUID();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> jobs.runAlone(name, () -> {
            runs.incrementAndGet();
            started.countDown();
            waitFor(release);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(jobs.runAlone(name, runs::incrementAndGet)).isFalse();
        assertThat(jobs.runAlone(name + "-other", () -> { })).isTrue();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(jobs.runAlone(name, runs::incrementAndGet)).as("free again once the first run ended").isTrue();
    }

    @Test
    @DisplayName("REL-4 the lock of an instance that died holding it lapses, and the job then runs elsewhere")
    void failoverAfterTheHolderDied() {
        String name = "overdue-" + UUID.randomUUID();
        mongo.insert(new Document("_id", name).append("lockUntil", Date.from(Instant.now().plusSeconds(2)))
                .append("lockedAt", new Date()).append("lockedBy", "a-dead-instance"), ExclusiveJobs.LOCKS);

        assertThat(jobs.runAlone(name, () -> { })).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.runAlone(name, () -> { }));
    }

    @Test
    @DisplayName("REL-4 a daily job runs once per day however often it is triggered; the next day runs again")
    void dailyJobOncePerDay() {
        String name = "letters-" + UUID.randomUUID();
        LocalDate day = LocalDate.of(2026, 12, 1);
        AtomicInteger runs = new AtomicInteger();

        assertThat(jobs.runOncePerDay(name, day, runs::incrementAndGet)).isTrue();
        assertThat(jobs.runOncePerDay(name, day, runs::incrementAndGet)).isFalse();
        assertThat(jobs.doneFor(name, day)).isTrue();
        assertThat(jobs.runOncePerDay(name, day.plusDays(1), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    @DisplayName("REL-4 a daily run cut short by a failure is not marked done, so the next trigger completes it")
    void failedDailyRunIsRetried() {
        String name = "sweep-" + UUID.randomUUID();
        LocalDate day = LocalDate.of(2026, 12, 1);
        try {
            jobs.runOncePerDay(name, day, () -> {
                throw new IllegalStateException("the database went away mid-sweep");
            });
        } catch (IllegalStateException expected) {
            // the trigger fails; the scheduler logs it
        }
        assertThat(jobs.doneFor(name, day)).isFalse();
        assertThat(jobs.runOncePerDay(name, day, () -> { })).isTrue();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
