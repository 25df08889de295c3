package org.dealerplatform.customer.serving.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.persistence.VinClaims;
import org.dealerplatform.customer.serving.ServiceGrant;
import org.dealerplatform.customer.serving.persistence.ServiceGrantStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.ServeAtBranchGrants.Purpose;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * INT-1: a branch serves a group customer of another branch only after looking the customer up by exact mobile number
 * or VIN (never by browsing), naming the purpose: a sale, a visit or a work order. The lookup grants the caller's branch
 * one transaction of that kind with the customer for {@link ServiceGrant#VALIDITY}, is audited (who, when, which
 * customer, which branch, which purpose, which lookup key) and publishes {@code CustomerServiceGranted}, which only the
 * service owning the purpose honours (sales-service: SALE, VISIT; aftersales-service: WORK_ORDER). Both lookups are {@code _id} or
 * unique-index reads (the customer's unique {@code mobile}; {@code vin_claims} by {@code _id}), so the cost does not
 * grow with the number of files.
 */
@Service
public class ServeAtBranch {

    private final CustomerStore customers;
    private final VinClaims vinClaims;
    private final ServiceGrantStore grants;
    private final Clock clock;

    public ServeAtBranch(CustomerStore customers, VinClaims vinClaims, ServiceGrantStore grants, Clock clock) {
        this.customers = customers;
        this.vinClaims = vinClaims;
        this.grants = grants;
        this.clock = clock;
    }

    /** What the lookup tells the serving branch: the customer, and the grant if one was needed. */
    public record Served(Customer customer, ServiceGrant grant) {
    }

    /**
     * Looks a customer up by exactly one of {@code mobile} / {@code vin}; another branch's customer gets a grant for
     * {@code purpose}.
     */
    public Served lookUp(Caller caller, String mobile, String vin, Purpose purpose) {
        if (purpose == null) {
            throw new RuleViolation("purpose", "say what the grant is for: SALE, VISIT or WORK_ORDER");
        }
        if (caller.isHq()) {
            throw new RuleViolation("branchId", "HQ uses any customer by naming the branch; no lookup grant is needed");
        }
        boolean byMobile = mobile != null && !mobile.isBlank();
        boolean byVin = vin != null && !vin.isBlank();
        if (byMobile == byVin) {
            throw new RuleViolation(byMobile ? "vin" : "mobile", "give exactly one of mobile and vin");
        }
        String lookupKey = byMobile ? "mobile" : "vin";
        Customer customer = (byMobile ? customers.findByMobile(mobile.strip())
                : vinClaims.ownerOf(vin.strip().toUpperCase()).flatMap(customers::findById))
                .filter(c -> c.mergedInto() == null)
                .orElseThrow(() -> new NotFoundException("customer with this " + lookupKey, "(exact match only)"));
        if (caller.branchId().equals(customer.branchId())) {
            return new Served(customer, null);
        }
        Instant now = clock.instant();
        ServiceGrant grant = new ServiceGrant(UUID.randomUUID().toString(), customer.id(), customer.branchId(),
                caller.branchId(), purpose, lookupKey, caller.userId(), now, now.plus(ServiceGrant.VALIDITY));
        grants.save(grant, byMobile ? mobile.strip() : vin.strip().toUpperCase());
        Customer granted = publish(customer.id(), grant);
        return new Served(granted, grant);
    }

    /** The lookups that served a customer elsewhere, newest first: for the customer's own branch and HQ. */
    public List<ServiceGrant> auditOf(Customer customer) {
        return grants.auditOf(customer.id());
    }

    private Customer publish(String customerId, ServiceGrant grant) {
        for (int attempt = 1; ; attempt++) {
            Customer customer = customers.findById(customerId).orElseThrow(() -> new NotFoundException("customer", customerId));
            customer.grantServiceAt(grant.servingBranchId(), grant.purpose().name(), grant.grantId(), grant.lookupKey(), grant.grantedBy(),
                    grant.grantedAt(), grant.expiresAt());
            try {
                customers.update(customer);
                return customer;
            } catch (ConcurrentModificationException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }
}
