package org.dealerplatform.notification.letter.batching;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When letters are batched for printing (NOT-1): once a day from 06:00, on one instance (REL-4). Triggered hourly until
 * the day's batches exist, so a run cut short by a crash is completed by the next trigger on any instance.
 */
@Component
public class LetterBatchSchedule {

    private final LetterBatches batches;
    private final ExclusiveJobs jobs;
    private final Clock clock;
    private final ZoneId zone;

    public LetterBatchSchedule(LetterBatches batches, ExclusiveJobs jobs, Clock clock, NotificationProperties properties) {
        this.batches = batches;
        this.jobs = jobs;
        this.clock = clock;
        this.zone = properties.policy().settings().defaultZone();
    }

    @Scheduled(cron = "${dealer.notifications.letters.batch-cron:0 0 6-23 * * *}",
            zone = "${dealer.notifications.policy.default-zone:Asia/Shanghai}")
    public void scheduled() {
        jobs.runOncePerDay("letter-batches", LocalDate.ofInstant(clock.instant(), zone), batches::daily);
    }
}
