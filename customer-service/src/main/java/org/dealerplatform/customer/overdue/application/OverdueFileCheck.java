package org.dealerplatform.customer.overdue.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled two-day-rule check (CUS-2): every incomplete file whose deadline has passed and that was never
 * reported is marked overdue, which records {@code CustomerFileOverdue} on the file and publishes it through the
 * outbox. Exactly once per file, even with several instances: the mark is saved with the file's version
 * compare-and-set, so a second instance racing for the same file loses and skips it.
 */
@Component
public class OverdueFileCheck {

    private static final Logger log = LoggerFactory.getLogger(OverdueFileCheck.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final CustomerStore customers;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExclusiveJobs jobs;

    public OverdueFileCheck(MongoTemplate mongo, CustomerStore customers, Clock clock, MeterRegistry meters,
            ExclusiveJobs jobs) {
        this.jobs = jobs;
        this.mongo = mongo;
        this.customers = customers;
        this.clock = clock;
        this.meters = meters;
    }

    /** Criteria of files that are incomplete and past their deadline at {@code now}. */
    public static Criteria overdueAt(Instant now) {
        return Criteria.where("complete").is(false).and("status").is(Customer.Status.ACTIVE.name())
                .and("fileDeadline").lte(now);
    }

    /**
     * One page of the overdue files the caller may see (HQ: all, or {@code branchId} when given), oldest deadline
     * first (CUS-2).
     */
    public PageResponse<Customer> overdueFiles(Caller caller, String branchId, int page, int size) {
        Criteria criteria = overdueAt(clock.instant());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria));
        long total = mongo.count(query, CustomerStore.COLLECTION);
        query.with(Sort.by("fileDeadline", "_id")).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Customer.class, CustomerStore.COLLECTION), page, size, total);
    }

    /** REL-4: one instance checks at a time. */
    @Scheduled(fixedDelayString = "${dealer.customer.overdue.check-interval:PT5M}",
            initialDelayString = "${dealer.customer.overdue.initial-delay:PT30S}")
    public void scheduled() {
        jobs.runAlone("customer-overdue-check", this::run);
    }

    public int run() {
        return reportAt(clock.instant());
    }

    /** Reports every not-yet-reported overdue file at {@code now}; returns how many this call reported. */
    public int reportAt(Instant now) {
        int reported = 0;
        while (true) {
            Query query = Query.query(overdueAt(now).and("overdueReportedAt").exists(false)).limit(BATCH);
            List<Customer> batch = mongo.find(query, Customer.class, CustomerStore.COLLECTION);
            int before = reported;
            for (Customer customer : batch) {
                if (customer.reportOverdue(now)) {
                    try {
                        customers.update(customer);
                        reported++;
                    } catch (ConcurrentModificationException e) {
                        // another instance (or an edit) saved the file meanwhile; the next run looks again
                    }
                }
            }
            if (batch.size() < BATCH || reported == before) {
                break;
            }
        }
        if (reported > 0) {
            meters.counter("dealer.customers.files.overdue").increment(reported);
            log.info("two-day rule: {} customer files reported overdue", reported);
        }
        return reported;
    }
}
