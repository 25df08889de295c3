package org.dealerplatform.sales.organisation.application;

import java.time.Clock;
import java.util.Optional;

import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.lead.persistence.LeadStore;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.SalespersonDeparture;
import org.dealerplatform.sales.organisation.persistence.DepartureStore;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * UI-3: a salesperson leaves their branch, and an active colleague of the same branch takes over their open leads
 * (with the follow-up calls those carry) and planned visits.
 *
 * <p>One command, in this order, each step safe to repeat: the salesperson is marked inactive (so the staff list and
 * VIP visit plans stop offering them), their work moves in two multi-updates, and the departure is recorded, which
 * publishes {@code SalespersonDeactivated} through the outbox. A retry after a crash half-way finds the salesperson
 * inactive without a departure and finishes the job; a retry after success moves any stragglers and changes nothing
 * else. The same salesperson named again with another successor is a conflict.
 */
@Service
public class StaffChanges {

    /** The salesperson left earlier and {@code successorId} took over: naming another successor now is a conflict. */
    public static class AlreadyLeft extends RuntimeException {
        private final String successorId;

        AlreadyLeft(String salespersonId, String successorId) {
            super("salesperson " + salespersonId + " has left already; " + successorId + " took over their work");
            this.successorId = successorId;
        }

        public String successorId() {
            return successorId;
        }
    }

    /** What a departure handed over; the counts are this call's moves (a repeat reports 0). */
    public record Handover(Salesperson salesperson, String successorId, long leadsReassigned, long visitsReassigned) {
    }

    private final OrganisationDirectory directory;
    private final DepartureStore departures;
    private final LeadStore leads;
    private final VisitStore visits;
    private final Clock clock;

    public StaffChanges(OrganisationDirectory directory, DepartureStore departures, LeadStore leads, VisitStore visits,
            Clock clock) {
        this.directory = directory;
        this.departures = departures;
        this.leads = leads;
        this.visits = visits;
        this.clock = clock;
    }

    /**
     * {@code salespersonId} leaves; {@code successorId} takes over. Empty when there is no such salesperson or the caller
     * may not see their branch (the caller answers "not found"); a successor who is not an active colleague of the same branch is a rule violation on
     * {@code successorId} (the same answer for a foreign one and a missing one: no existence leak).
     */
    public Optional<Handover> deactivate(Caller caller, String salespersonId, String successorId) {
        Optional<Salesperson> found = directory.salesperson(caller, salespersonId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Salesperson leaving = found.get();
        Salesperson successor = directory.salesperson(successorId).filter(s -> caller.canSee(s.branchId())).orElse(null);
        SalespersonDeparture.requireSuccessor(leaving, successor);
        Optional<SalespersonDeparture> earlier = departures.findById(salespersonId);
        if (!leaving.active() && earlier.isPresent() && !earlier.get().successorId().equals(successorId)) {
            throw new AlreadyLeft(salespersonId, earlier.get().successorId());
        }
        directory.saveSalesperson(new Salesperson(leaving.id(), leaving.name(), leaving.branchId(), false));
        long leadsMoved = leads.reassignOpen(leaving.branchId(), leaving.id(), successor.id());
        long visitsMoved = visits.reassignPlanned(leaving.branchId(), leaving.id(), successor.id());
        String by = caller.userId();
        if (earlier.isEmpty()) {
            try {
                departures.insert(SalespersonDeparture.of(leaving, successor, by, clock.instant()));
            } catch (DuplicateKeyException sameRequestMeanwhile) {
                // a concurrent identical command recorded it a moment ago
            }
        } else if (leaving.active()) {
            earlier.get().leave(leaving, successor, by, clock.instant()); // taken on again meanwhile, leaving once more
            departures.update(earlier.get());
        }
        return Optional.of(new Handover(new Salesperson(leaving.id(), leaving.name(), leaving.branchId(), false),
                successor.id(), leadsMoved, visitsMoved));
    }
}
