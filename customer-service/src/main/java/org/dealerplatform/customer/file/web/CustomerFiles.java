package org.dealerplatform.customer.file.web;

import java.util.function.Consumer;

import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.security.masking.Masked;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Loads files within the caller's branch (foreign = 404) and explains duplicates with a pointer (CUS-6). */
@Component
public class CustomerFiles {

    private static final Logger log = LoggerFactory.getLogger(CustomerFiles.class);
    private final CustomerStore store;

    public CustomerFiles(CustomerStore store) {
        this.store = store;
    }

    /** The file if the caller may see it (an {@code _id} lookup, then the branch); otherwise 404, like a missing one. */
    public Customer visible(String id, Caller caller) {
        return store.findVisible(id, caller).orElseThrow(() -> new NotFoundException("customer", id));
    }

    /**
     * INT-1: a file that a command names in its body (the file to merge, the new owner of a vehicle), resolved in the
     * caller's branch (HQ: any branch, cross-branch by design for merges and transfers). An unknown and another
     * branch's file get the same 422 on {@code field}, so nothing about other branches leaks.
     */
    public Customer referenced(String id, Caller caller, String field) {
        return store.findVisible(id, caller) // an _id lookup, then the branch: no scan
                .orElseThrow(() -> new RuleViolation(field, "no customer file " + id
                        + (caller.isHq() ? " in the group" : " at your branch")));
    }

    /**
     * Applies {@code change} to the file and saves it, reloading and re-applying on a concurrent save (used for the
     * second half of two-file operations, which must not be left half done).
     */
    public Customer changeWithRetry(String id, Consumer<Customer> change) {
        Customer[] saved = {null};
        if (!store.change(id, customer -> {
            change.accept(customer);
            saved[0] = customer;
            return true;
        })) {
            throw new NotFoundException("customer", id);
        }
        return saved[0];
    }

    /**
     * REL-7 for a two-file operation under one key that writes {@code first}, then {@code last} (the merged file, then
     * the survivor; the old owner, then the new one): {@code true} when it was done before (the last write carries the
     * key), so the request is only answered again; a 409 while only the first write carries it (still in progress).
     */
    public boolean doneBefore(Customer first, Customer last, IdempotencyKey key, String operation) {
        if (last.alreadyApplied(key)) {
            return true;
        }
        if (first.alreadyApplied(key)) {
            throw new ConflictException(IdempotencyKey.HEADER + " " + key.key() + ": this " + operation
                    + " is still in progress; retry in a moment", "/api/customers/" + last.id());
        }
        return false;
    }

    public ConflictException duplicateMobile(String mobile, Caller caller) {
        Customer existing = store.findByMobile(mobile).orElse(null);
        String pointer = existing != null && caller.canSee(existing.branchId()) ? "/api/customers/" + existing.id() : null;
        // OBS-2: a duplicate is worth a line for support (two branches competing for one customer), masked
        log.info("customer file refused at branch {}: mobile {} is on file as {} ({}) at branch {}", caller.branchId(),
                Masked.mobile(mobile), existing == null ? "-" : existing.id(),
                existing == null ? "-" : Masked.name(existing.name()), existing == null ? "-" : existing.branchId());
        return new ConflictException("a customer file with mobile " + mobile + " already exists"
                + (pointer == null ? " at another branch; ask HQ to merge or transfer it" : ""), pointer);
    }

    public ConflictException duplicateVin(String vin, String ownerId, Caller caller) {
        Customer existing = store.findById(ownerId).orElse(null);
        String pointer = existing != null && caller.canSee(existing.branchId()) ? "/api/customers/" + existing.id() : null;
        return new ConflictException("vehicle " + vin + " is already in a customer file"
                + (pointer == null ? " at another branch; ask HQ to transfer it" : "; transfer it instead"), pointer);
    }
}
