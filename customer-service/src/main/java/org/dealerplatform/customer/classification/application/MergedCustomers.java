package org.dealerplatform.customer.classification.application;

import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.springframework.stereotype.Service;

/**
 * Follows this service's own {@code CustomersMerged} (CUS-6): the merged-away file's purchases and history move to
 * the surviving file, whose class is then re-evaluated (CUS-3). Moving is idempotent (an update by customer id), so
 * redelivery changes nothing; doing it from the event means a crash right after the merge cannot lose it.
 */
@Service
public class MergedCustomers {

    private final PurchaseLedger ledger;
    private final CustomerHistory history;
    private final Reclassification reclassification;

    public MergedCustomers(PurchaseLedger ledger, CustomerHistory history, Reclassification reclassification) {
        this.ledger = ledger;
        this.history = history;
        this.reclassification = reclassification;
    }

    public void merged(String mergedCustomerId, String survivingCustomerId) {
        ledger.moveCustomer(mergedCustomerId, survivingCustomerId);
        history.moveCustomer(mergedCustomerId, survivingCustomerId);
        reclassification.reclassify(survivingCustomerId);
    }
}
