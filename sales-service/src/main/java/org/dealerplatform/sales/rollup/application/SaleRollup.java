package org.dealerplatform.sales.rollup.application;

import org.dealerplatform.platform.events.IncomingEvent;
import java.util.Map;

import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.DayCell;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
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
                Map<RollupCell, Figures> months = SaleContribution.delta(applied.previous(), applied.state());
                Map<DayCell, Figures> days = SaleContribution.dayDelta(applied.previous(), applied.state());
                if (applied.pendingCells() != null) {
                    // only the cells the claim still lists: after a replay moved the claim here, the others took the
                    // sale under the earlier record, whose marks this record's offset would not recognise (REL-2)
                    months = RollupStore.pendingOnly(months, applied.pendingCells());
                    days = RollupStore.pendingDaysOnly(days, applied.pendingCells());
                }
                Map<RollupCell, Figures> monthsLeft = months;
                Map<DayCell, Figures> daysLeft = days;
                finish(applied, monthsLeft, daysLeft, event,
                        () -> store.resumeDelta(monthsLeft, daysLeft, event.partitionKey(), event.offset()));
                return true;
            }
            case COMPLETE -> {
                // REL-2: a replay at a new offset finishes exactly the cells the claim still lists
                Map<RollupCell, Figures> months = RollupStore.pendingOnly(
                        SaleContribution.delta(applied.previous(), applied.state()), applied.pendingCells());
                Map<DayCell, Figures> days = RollupStore.pendingDaysOnly(
                        SaleContribution.dayDelta(applied.previous(), applied.state()), applied.pendingCells());
                if (!store.moveClaim(applied, event.partitionKey(), event.offset())) {
                    throw new OptimisticLockingFailureException("sale " + saleId + " was applied concurrently; retrying");
                }
                AppliedSale moved = new AppliedSale(saleId, applied.version(), event.partitionKey(), event.offset(),
                        applied.state(), applied.previous(), applied.pendingCells());
                finish(moved, months, days, event, () -> store.resumeDelta(months, days, event.partitionKey(), event.offset()));
                return true;
            }
            case APPLY -> {
                SaleContribution before = applied == null ? null : applied.state();
                SaleContribution after = cancelled ? (before == null ? null : before.cancelled()) : contribution;
                Map<RollupCell, Figures> months = SaleContribution.difference(held(applied, false), after == null ? Map.of() : after.cells());
                Map<DayCell, Figures> days = SaleContribution.difference(held(applied, true), after == null ? Map.of() : after.dayCells());
                AppliedSale next = new AppliedSale(saleId, event.aggregateVersion(), event.partitionKey(), event.offset(),
                        after, before, RollupStore.cellIds(months, days));
                if (!store.recordApplied(next, applied == null ? null : applied.version())) {
                    throw new OptimisticLockingFailureException("sale " + saleId + " was applied concurrently; retrying");
                }
                finish(next, months, days, event, () -> store.addDelta(months, days, event.partitionKey(), event.offset()));
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * What the cells hold of a sale now: its claimed state, except in cells an incomplete claim still lists, which
     * hold the state before it (REL-2: a newer version over a half-applied one corrects exactly what is there).
     */
    @SuppressWarnings("unchecked")
    private static <K> Map<K, Figures> held(AppliedSale applied, boolean days) {
        if (applied == null || applied.state() == null && applied.previous() == null) {
            return Map.of();
        }
        Map<K, Figures> state = applied.state() == null ? Map.of()
                : (Map<K, Figures>) (days ? applied.state().dayCells() : applied.state().cells());
        if (applied.complete()) {
            return state;
        }
        Map<K, Figures> previous = applied.previous() == null ? Map.of()
                : (Map<K, Figures>) (days ? applied.previous().dayCells() : applied.previous().cells());
        Map<K, Figures> held = new java.util.HashMap<>(state);
        java.util.Set<Object> cells = new java.util.HashSet<>(state.keySet());
        cells.addAll(previous.keySet());
        for (Object cell : cells) {
            String id = days ? RollupStore.DAY_CELL + ((DayCell) cell).id() : RollupStore.MONTH_CELL + ((RollupCell) cell).id();
            if (applied.pendingCells().contains(id)) {
                Figures before = previous.get(cell);
                if (before == null) {
                    held.remove(cell);
                } else {
                    held.put((K) cell, before);
                }
            }
        }
        return held;
    }

    /**
     * Writes the cells of a claimed record, then marks the claim complete. If the cells fail part-way, the claim first
     * learns which cells still lack the record (their offset mark is below it: exact now, as this record is the newest
     * of its partition), so a replay from the dead-letter topic at another offset completes exactly those (REL-2).
     */
    private void finish(AppliedSale claim, Map<RollupCell, Figures> months, Map<DayCell, Figures> days,
            IncomingEvent event, Runnable cells) {
        try {
            cells.run();
        } catch (RuntimeException failed) {
            try {
                store.recordPending(claim, store.cellsBelow(months, days, event.partitionKey(), event.offset()));
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        store.completeClaim(claim);
    }
}
