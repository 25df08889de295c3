package org.dealerplatform.customer.classification.application;

import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.serving.persistence.ServiceGrantStore;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.dealerplatform.platform.security.ServeAtBranchGrants;
import org.springframework.stereotype.Service;

/**
 * CUS-3: the purchase ledger follows the sales (recorded, corrected, cancelled) and each change re-evaluates the
 * customer's class. A sale of one branch cannot count for another branch's customer (INT-2): that is refused as a
 * permanent error, so a branch cannot make another branch's customer VIP, unless that branch served the customer
 * under a grant of an audited exact lookup (INT-1 serve-at-branch).
 */
@Service
public class PurchasesFromSales {

    private final PurchaseLedger ledger;
    private final Reclassification reclassification;
    private final CustomerStore customers;

    private final ServiceGrantStore grants;

    public PurchasesFromSales(PurchaseLedger ledger, Reclassification reclassification, CustomerStore customers,
            ServiceGrantStore grants) {
        this.grants = grants;
        this.ledger = ledger;
        this.reclassification = reclassification;
        this.customers = customers;
    }

    /** A sale recorded or corrected at aggregate version {@code saleVersion}; the purchase follows it, once. */
    public void recordedOrCorrected(PurchaseLedger.Sale sale, String eventId, long saleVersion) {
        String customerId = sameBranchCustomer(sale.customerId(), sale.branchId(), sale.saleId());
        String previousCustomer = ledger.recordOrCorrect(new PurchaseLedger.Sale(sale.saleId(), customerId,
                sale.branchId(), sale.amountFen(), sale.saleDate(), sale.vin(), sale.model(), sale.segment()),
                eventId, saleVersion);
        if (previousCustomer != null && !previousCustomer.equals(customerId)) {
            reclassification.reclassify(previousCustomer);
        }
        reclassification.reclassify(customerId);
    }

    /** A sale cancelled: it no longer counts for its customer's class. */
    public void cancelled(String saleId, String customerId, String branchId, String eventId, long saleVersion) {
        String current = customers.currentId(customerId);
        ledger.cancel(saleId, current, branchId, eventId, saleVersion);
        reclassification.reclassify(current);
    }

    private String sameBranchCustomer(String customerId, String saleBranch, String saleId) {
        String current = customers.currentId(customerId);
        customers.findById(current).ifPresent(customer -> {
            // INT-2: the only cross-branch sale is one made under an audited serve-at-branch grant for a sale (INT-1)
            if (saleBranch != null && !saleBranch.equals(customer.branchId())
                    && !grants.everGranted(saleBranch, customer.id(), ServeAtBranchGrants.Purpose.SALE)) {
                throw new ForeignBranchEffectException("sale " + saleId + " of branch " + saleBranch
                        + " names customer " + current + " of branch " + customer.branchId());
            }
        });
        return current;
    }
}
