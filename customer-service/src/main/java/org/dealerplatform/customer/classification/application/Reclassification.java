package org.dealerplatform.customer.classification.application;

import java.time.LocalDate;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.customer.classification.ClassificationRules;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates a customer's class from the purchase ledger (CUS-3), by the thresholds in force ({@link ClassThresholds}) and stores it on the file, which publishes
 * {@code CustomerClassified} through the outbox only when the class changes. Idempotent: evaluating twice changes
 * nothing the second time.
 */
@Component
public class Reclassification {

    private final CustomerStore customers;
    private final PurchaseLedger ledger;
    private final ClassThresholds thresholds;
    private final BusinessCalendar calendar;
    private final MeterRegistry meters;

    public Reclassification(CustomerStore customers, PurchaseLedger ledger, ClassThresholds thresholds, BusinessCalendar calendar,
            MeterRegistry meters) {
        this.customers = customers;
        this.ledger = ledger;
        this.thresholds = thresholds;
        this.calendar = calendar;
        this.meters = meters;
    }

    public LocalDate today() {
        return calendar.today();
    }

    /** The classification of {@code customerId} as of today (CUS-10). */
    public ClassificationRules.Classification explain(String customerId) {
        return thresholds.rules().classify(ledger.activePurchases(customerId), today());
    }

    /** Recomputes and stores the class; returns true if it changed. Unknown customers are skipped (ledger only). */
    public boolean reclassify(String customerId) {
        ClassificationRules.Classification[] applied = {null};
        boolean changed = customers.change(customerId, customer -> {
            ClassificationRules.Classification c = explain(customerId);
            applied[0] = c;
            return customer.classify(c.customerClass(), c.rule().version(), c.windowStart(), c.windowEnd(),
                    c.purchaseAmountFen(), c.purchaseCount(), calendar.now());
        });
        if (changed) {
            meters.counter("dealer.customers.classified", "class", applied[0].customerClass().name()).increment();
        }
        return changed;
    }
}
