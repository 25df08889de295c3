package org.dealerplatform.sales.rollup.application;

import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Keeps the HQ roll-up current from the sale events (SAL-9), seconds after a sale is saved. Each event is applied
 * exactly once to every cell it changes, however Kafka or the relay repeat it: see {@link AppliedSale} for the
 * reasoning.
 */
@Service
public class SaleRollup {

    private final RollupStore store;

    public SaleRollup(RollupStore store) {
        this.store = store;
    }

    /**
     * Applies a sale's new contribution ({@code null}: cancelled), delivered as {@code event}; {@code false} if it changed
     * nothing because it had been applied before.
     */
    public boolean apply(String saleId, SaleContribution contribution, boolean cancelled, IncomingEvent event) {
        AppliedSale applied = store.applied(saleId).orElse(null);
        switch (AppliedSale.decide(applied, event.aggregateVersion(), event.partitionKey(), event.offset())) {
            case STALE, DUPLICATE -> {
                return false;
            }
            case RESUME -> {
                store.resumeDelta(SaleContribution.delta(applied.previous(), applied.state()),
                        SaleContribution.dayDelta(applied.previous(), applied.state()), event.partitionKey(), event.offset());
                return true;
            }
            case APPLY -> {
                SaleContribution before = applied == null ? null : applied.state();
                SaleContribution after = cancelled ? (before == null ? null : before.cancelled()) : contribution;
                AppliedSale next = new AppliedSale(saleId, event.aggregateVersion(), event.partitionKey(), event.offset(),
                        after, before);
                if (!store.recordApplied(next, applied == null ? null : applied.version())) {
                    throw new OptimisticLockingFailureException("sale " + saleId + " was applied concurrently; retrying");
                }
                store.addDelta(SaleContribution.delta(before, after), SaleContribution.dayDelta(before, after),
                        event.partitionKey(), event.offset());
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }
}
