/**
 * Organisation reference data: regions, branches and their salespeople; the levels figures roll up to (SAL-2, SAL-9).
 *
 * <p>UI-3 staff changes: a branch manager (own branch) or HQ adds salespeople and lets one leave with ONE command in
 * this service ({@code application.StaffChanges}): it marks them inactive, hands their open leads (and so their
 * follow-up calls, which are those leads' next contacts) and planned visits to an active colleague of the same branch,
 * and records a {@link org.dealerplatform.sales.organisation.SalespersonDeparture}, whose
 * {@code SalespersonDeactivated} leaves through the outbox on {@code sales.organisation.events}. One command rather than
 * one per service because the work that belongs to a salesperson lives here; other services apply the event
 * idempotently if they ever keep work per salesperson (none does today).
 */
package org.dealerplatform.sales.organisation;
