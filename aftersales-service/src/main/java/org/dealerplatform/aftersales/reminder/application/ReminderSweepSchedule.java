package org.dealerplatform.aftersales.reminder.application;

import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the reminder sweep runs (AFT-3): once a business day from 06:00, on one instance (REL-4). Triggered hourly until
 * the day's sweep has finished, so a sweep cut short by a crash is completed by the next trigger on any instance; the
 * sweep itself reminds each due date once, however often it runs.
 */
@Component
public class ReminderSweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSweepSchedule.class);

    private final MaintenanceDueSweep sweep;
    private final ExclusiveJobs jobs;
    private final BusinessCalendar calendar;

    public ReminderSweepSchedule(MaintenanceDueSweep sweep, ExclusiveJobs jobs, BusinessCalendar calendar) {
        this.sweep = sweep;
        this.jobs = jobs;
        this.calendar = calendar;
    }

    @Scheduled(cron = "${aftersales.reminders.cron:0 0 6-23 * * *}", zone = "${dealer.business-zone:Asia/Shanghai}")
    public void scheduled() {
        jobs.runOncePerDay("reminder-sweep", calendar.today(), () -> log.info("reminder sweep: {}", sweep.sweep(calendar.today())));
    }
}
