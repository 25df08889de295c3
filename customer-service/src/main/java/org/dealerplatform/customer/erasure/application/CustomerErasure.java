package org.dealerplatform.customer.erasure.application;

import java.time.Clock;

import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.serving.persistence.ServiceGrantStore;
import org.dealerplatform.security.masking.Masked;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Erases a customer's personal data on their request (SEC-9, PIPL). The file is anonymised in place
 * ({@link Customer#erase}) and saved with its {@code CustomerErased} event through the outbox, one {@code _id}
 * compare-and-set; the serve-at-branch audit forgets the mobile numbers that were looked up (it keeps who, when, which
 * branch and the kind of lookup). Idempotent: a file erased before is answered as it is, nothing is published again.
 * REL-7: the {@code Idempotency-Key} of the erasure is kept in the file itself, in the same write.
 */
@Service
public class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);
    private static final int ATTEMPTS = 5;

    private final CustomerStore customers;
    private final ServiceGrantStore grants;
    private final Clock clock;

    public CustomerErasure(CustomerStore customers, ServiceGrantStore grants, Clock clock) {
        this.customers = customers;
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * Erases file {@code id} if {@code caller} may see it (another branch's file: 404 like a missing one, INT-1) and
     * may erase it: HQ, or the branch manager of the file's branch (anyone else: 403).
     */
    public Customer erase(String id, String reason, Caller caller) {
        return erase(id, reason, caller, null);
    }

    /** {@link #erase(String, String, Caller)} under {@code key}: its retry answers the file, another reason is 422. */
    public Customer erase(String id, String reason, Caller caller, IdempotencyKey key) {
        for (int attempt = 1; ; attempt++) {
            Customer customer = customers.findVisible(id, caller).orElseThrow(() -> new NotFoundException("customer", id));
            if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
                throw new AccessDeniedException("only HQ and the branch manager of the file's branch erase personal data");
            }
            if (customer.alreadyApplied(key)) { // REL-7: a retry of this very erasure answers the file as it is
                return customer;
            }
            String name = customer.name();
            if (!customer.erase(reason, caller.userId(), clock.instant())) {
                grants.forgetLookupValues(id); // completes an erasure whose second step was interrupted
                return customer;
            }
            customer.rememberRequest(key);
            try {
                customers.update(customer);
            } catch (ConcurrentModificationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            grants.forgetLookupValues(id);
            log.info("customer file {} ({}) of branch {} erased by {} (SEC-9)", id, Masked.name(name),
                    customer.branchId(), caller.userId());
            return customers.findById(id).orElse(customer); // as stored, with its new version
        }
    }
}
