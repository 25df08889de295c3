package org.dealerplatform.customer.classification.application;

import java.util.LinkedHashSet;
import java.util.Set;

import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerClass;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily pass (CUS-3): purchases leave the 12-month window without any event, and a new rule version takes effect
 * on its date, so every customer with a purchase in the last 13 months, and every customer above OTHER, is re-evaluated once a day. Safe with several
 * instances: a class change is a version compare-and-set on the file and publishes only when it changes.
 */
@Component
public class DailyReclassification {

    private static final Logger log = LoggerFactory.getLogger(DailyReclassification.class);

    private final Reclassification reclassification;
    private final PurchaseLedger ledger;
    private final MongoTemplate mongo;
    private final ExclusiveJobs jobs;

    public DailyReclassification(Reclassification reclassification, PurchaseLedger ledger, MongoTemplate mongo,
            ExclusiveJobs jobs) {
        this.jobs = jobs;
        this.reclassification = reclassification;
        this.ledger = ledger;
        this.mongo = mongo;
    }

    /**
     * REL-4: triggered hourly from 00:30, it runs once a day on one instance; a run cut short by a crash is completed by
     * the next trigger on any instance.
     */
    @Scheduled(cron = "${dealer.customer.classification.daily-cron:0 30 * * * *}", zone = "${dealer.business-zone:Asia/Shanghai}")
    public void scheduled() {
        jobs.runOncePerDay("customer-reclassification", reclassification.today(), this::run);
    }

    public int run() {
        int changed = 0;
        Set<String> customers = new LinkedHashSet<>(ledger.customersWithPurchasesSince(reclassification.today().minusMonths(13)));
        // and everyone still above OTHER, in case a pass was missed while their last purchase left the window
        customers.addAll(mongo.findDistinct(Query.query(Criteria.where("customerClass").ne(CustomerClass.OTHER.name())
                .and("status").is(Customer.Status.ACTIVE.name())), "_id", CustomerStore.COLLECTION, String.class));
        for (String customerId : customers) {
            if (reclassification.reclassify(customerId)) {
                changed++;
            }
        }
        log.info("daily reclassification: {} customers changed class", changed);
        return changed;
    }
}
