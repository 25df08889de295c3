package org.dealerplatform.customer.consultant.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.dealerplatform.customer.consultant.ConsultantDeparture;
import org.dealerplatform.customer.consultant.persistence.ConsultantDepartures;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Who looks after a customer (UI-3): the salesperson who opened the file, or whom the branch manager named; when a
 * salesperson leaves, their successor takes over all the files they looked after.
 */
@Service
public class Consultants {

    /** Files handed over per bulk write. */
    static final int PAGE = 500;
    /** A chain of departures (A left to B, B left to C ...) is followed this far. */
    private static final int CHAIN = 10;

    private final CustomerStore customers;
    private final ConsultantDepartures departures;
    private final Clock clock;

    public Consultants(CustomerStore customers, ConsultantDepartures departures, Clock clock) {
        this.customers = customers;
        this.departures = departures;
        this.clock = clock;
    }

    /**
     * A new file opened by {@code caller}: a salesperson (a token linked to a salesperson) looks after it, or, if they
     * have left meanwhile, whoever took over their customers. Files opened by others start without a consultant.
     */
    public void openedBy(Customer customer, Caller caller) {
        caller.salesperson().map(this::current).ifPresent(id -> customer.assignConsultant(id, clock.instant()));
    }

    /**
     * The branch manager (or HQ) names {@code salespersonId} to look after file {@code customerId}. Another branch's
     * file answers 404 as a missing one; other roles 403; a salesperson who has left is a rule violation naming their
     * successor. Salesperson ids are not checked against sales-service's staff list (this service keeps none).
     */
    public Customer assign(Caller caller, String customerId, String salespersonId) {
        Customer customer = customers.findVisible(customerId, caller)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only HQ and the branch manager of the file's branch name its consultant");
        }
        Optional<ConsultantDeparture> left = departures.find(salespersonId).filter(d -> d.branchId().equals(customer.branchId()));
        if (left.isPresent()) {
            throw new RuleViolation("salespersonId", "has left the branch; " + left.get().successorId()
                    + " took over their customers");
        }
        customers.change(customerId, c -> c.assignConsultant(salespersonId, clock.instant()));
        return customers.findById(customerId).orElseThrow();
    }

    /**
     * {@code leaving} left {@code branchId} and {@code successorId} took over: every file of that branch {@code leaving}
     * looked after is now {@code successorId}'s, in pages of {@value #PAGE} saved in one bulk write each. Safe to repeat
     * (a redelivery finds nothing left to move); a file saved by someone else meanwhile is read again and moved in the
     * next page. An older departure delivered after a later one hands over to the later one's successor. Returns how
     * many files moved.
     */
    public long handOver(ConsultantDeparture departure) {
        departures.record(departure);
        // an older departure delivered late hands over to the successor of the latest one
        ConsultantDeparture latest = departures.find(departure.salespersonId()).orElse(departure);
        long moved = 0;
        while (true) {
            List<String> ids = customers.idsLookedAfterBy(departure.branchId(), departure.salespersonId(), PAGE);
            List<Customer> changed = customers.findAllById(ids).stream()
                    .filter(c -> c.handOverConsultant(departure.salespersonId(), latest.successorId(), clock.instant()))
                    .toList();
            if (changed.isEmpty()) {
                return moved;
            }
            AggregateStore.BulkUpdate saved = customers.updateAll(changed);
            moved += saved.saved().size();
        }
    }

    /** The salesperson who looks after a departed salesperson's customers now (the id itself if they have not left). */
    private String current(String salespersonId) {
        String id = salespersonId;
        for (int hop = 0; hop < CHAIN; hop++) {
            Optional<ConsultantDeparture> left = departures.find(id);
            if (left.isEmpty()) {
                return id;
            }
            id = left.get().successorId();
        }
        return id;
    }
}
