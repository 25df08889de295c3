package org.dealerplatform.sales.organisation;

import java.time.Instant;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * Events of the organisation on {@code sales.organisation.events} (key = salesperson id), exactly as in
 * contracts/EVENTS.md (UI-3).
 */
public sealed interface OrganisationEvents extends DomainEvent {

    /**
     * A salesperson left their branch; {@code successorId}, an active salesperson of the same branch, took over their
     * open leads (with the follow-up calls they carry) and planned visits in this service.
     */
    record SalespersonDeactivated(String salespersonId, String branchId, String successorId, String deactivatedBy,
            Instant deactivatedAt) implements OrganisationEvents {
    }
}
